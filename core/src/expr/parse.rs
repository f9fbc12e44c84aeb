//! Lexer and recursive-descent parser: expression text → [`Node`].

use std::ops::Range;

use super::ast::{Kind, Node, Op};
use super::error::ExprError;
use crate::limits::{MAX_EXPR_DEPTH, MAX_EXPR_LEN};

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Cmp(Op),
    Eof,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("`{s}`"),
            Tok::Str(s) => format!("string \"{s}\""),
            Tok::Num(n) => format!("number {}", crate::numfmt::num(*n)),
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::LBracket => "`[`".into(),
            Tok::RBracket => "`]`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Cmp(op) => format!("`{}`", op.symbol()),
            Tok::Eof => "the end of the expression".into(),
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'
}

fn lex(text: &str) -> Result<Vec<(Tok, Range<usize>)>, ExprError> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let two = bytes.get(start..start + 2);
        let simple = match c {
            '(' => Some(Tok::LParen),
            ')' => Some(Tok::RParen),
            '[' => Some(Tok::LBracket),
            ']' => Some(Tok::RBracket),
            ',' => Some(Tok::Comma),
            _ => None,
        };
        if let Some(tok) = simple {
            chars.next();
            out.push((tok, start..start + 1));
            continue;
        }
        match (c, two) {
            (_, Some(b"==")) | (_, Some(b"!=")) | (_, Some(b"<=")) | (_, Some(b">=")) => {
                let op = match two {
                    Some(b"==") => Op::Eq,
                    Some(b"!=") => Op::Ne,
                    Some(b"<=") => Op::Le,
                    _ => Op::Ge,
                };
                chars.next();
                chars.next();
                out.push((Tok::Cmp(op), start..start + 2));
            }
            (_, Some(b"&&")) | (_, Some(b"||")) => {
                let word = if two == Some(b"&&") { "and" } else { "or" };
                return Err(ExprError::new(
                    "expr-syntax",
                    start..start + 2,
                    format!("`{}` is not an operator here", &text[start..start + 2]),
                )
                .help(format!("write `{word}`")));
            }
            ('<', _) | ('>', _) => {
                chars.next();
                out.push((
                    Tok::Cmp(if c == '<' { Op::Lt } else { Op::Gt }),
                    start..start + 1,
                ));
            }
            ('=', _) => {
                return Err(ExprError::new(
                    "expr-syntax",
                    start..start + 1,
                    "a single `=` is not an operator",
                )
                .help("compare with `==`"));
            }
            ('!', _) => {
                return Err(ExprError::new(
                    "expr-syntax",
                    start..start + 1,
                    "`!` is not an operator here",
                )
                .help("negate with `not`, or compare with `!=`"));
            }
            ('"', _) | ('\'', _) => {
                let quote = c;
                chars.next();
                let mut value = String::new();
                let mut end = None;
                while let Some((i, ch)) = chars.next() {
                    if ch == quote {
                        end = Some(i + 1);
                        break;
                    }
                    if ch == '\\' {
                        match chars.next() {
                            Some((_, e @ ('\\' | '"' | '\''))) => value.push(e),
                            Some((j, other)) => {
                                return Err(ExprError::new(
                                    "expr-syntax",
                                    i..j + other.len_utf8(),
                                    format!("unknown escape `\\{other}` in a string"),
                                )
                                .help("only \\\\, \\\" and \\' are escapes"));
                            }
                            None => break,
                        }
                    } else {
                        value.push(ch);
                    }
                }
                match end {
                    Some(end) => out.push((Tok::Str(value), start..end)),
                    None => {
                        return Err(ExprError::new(
                            "expr-syntax",
                            start..text.len(),
                            "this string is never closed",
                        )
                        .help(format!("end it with {quote}")));
                    }
                }
            }
            _ if c.is_ascii_digit() || (c == '-' && next_is_digit(text, start + 1)) => {
                let mut end = start + 1;
                chars.next();
                while let Some(&(i, ch)) = chars.peek() {
                    if ch.is_ascii_digit() || ch == '_' || ch == '.' {
                        end = i + 1;
                        chars.next();
                    } else {
                        break;
                    }
                }
                let raw: String = text[start..end].chars().filter(|&ch| ch != '_').collect();
                match raw.parse::<f64>() {
                    Ok(n) if n.is_finite() => out.push((Tok::Num(n), start..end)),
                    _ => {
                        return Err(ExprError::new(
                            "expr-syntax",
                            start..end,
                            format!("`{}` is not a number", &text[start..end]),
                        )
                        .help("write numbers like 12, -3, 2.5 or 1_000_000"));
                    }
                }
            }
            _ if is_ident_start(c) => {
                let mut end = start;
                while let Some(&(i, ch)) = chars.peek() {
                    if is_ident_char(ch) {
                        end = i + ch.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push((Tok::Ident(text[start..end].to_string()), start..end));
            }
            _ => {
                return Err(ExprError::new(
                    "expr-syntax",
                    start..start + c.len_utf8(),
                    format!("unexpected character `{c}`"),
                )
                .help("expressions use names like context.FIELD and answer(ITEM), strings in quotes, numbers, ==, !=, <, <=, >, >=, in, contains, and, or, not and parentheses"));
            }
        }
    }
    out.push((Tok::Eof, text.len()..text.len()));
    Ok(out)
}

fn next_is_digit(text: &str, at: usize) -> bool {
    text.as_bytes().get(at).is_some_and(u8::is_ascii_digit)
}

struct Parser {
    toks: Vec<(Tok, Range<usize>)>,
    pos: usize,
}

const KEYWORDS: [&str; 7] = ["and", "or", "not", "in", "contains", "true", "false"];

/// Parses an expression. Fails on the first syntax error, with its byte span.
pub fn parse(text: &str) -> Result<Node, ExprError> {
    if text.len() > MAX_EXPR_LEN {
        return Err(ExprError::new(
            "expr-too-long",
            0..text.len(),
            format!(
                "the expression is {} bytes long; the limit is {MAX_EXPR_LEN}",
                text.len()
            ),
        )
        .help("split the condition over items or signals, or simplify it"));
    }
    if text.trim().is_empty() {
        return Err(ExprError::new("expr-syntax", 0..text.len(), "the expression is empty")
            .help("write a condition such as context.instrument == \"regulation\", or leave the key out"));
    }
    let toks = lex(text)?;
    let mut p = Parser { toks, pos: 0 };
    let node = p.or(0)?;
    let (tok, span) = p.peek();
    if *tok != Tok::Eof {
        let help = if matches!(tok, Tok::Cmp(_)) {
            "comparisons cannot be chained; join them with `and`"
        } else {
            "join conditions with `and` or `or`"
        };
        return Err(ExprError::new(
            "expr-syntax",
            span.clone(),
            format!("unexpected {} after a complete condition", tok.describe()),
        )
        .help(help));
    }
    Ok(node)
}

impl Parser {
    fn peek(&self) -> &(Tok, Range<usize>) {
        let last = self.toks.len().saturating_sub(1);
        &self.toks[self.pos.min(last)]
    }

    fn bump(&mut self) -> (Tok, Range<usize>) {
        let t = self.peek().clone();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn at_word(&self, word: &str) -> bool {
        matches!(&self.peek().0, Tok::Ident(s) if s == word)
    }

    fn at_word_pair(&self, first: &str, second: &str) -> bool {
        self.at_word(first)
            && matches!(self.toks.get(self.pos + 1), Some((Tok::Ident(s), _)) if s == second)
    }

    fn deeper(&self, depth: usize) -> Result<usize, ExprError> {
        if depth >= MAX_EXPR_DEPTH {
            return Err(ExprError::new(
                "expr-too-deep",
                self.peek().1.clone(),
                format!("the expression nests deeper than {MAX_EXPR_DEPTH} levels"),
            )
            .help("simplify the condition"));
        }
        Ok(depth + 1)
    }

    fn or(&mut self, depth: usize) -> Result<Node, ExprError> {
        let depth = self.deeper(depth)?;
        let first = self.and(depth)?;
        if !self.at_word("or") {
            return Ok(first);
        }
        let start = first.span.start;
        let mut parts = vec![first];
        while self.at_word("or") {
            self.bump();
            parts.push(self.and(depth)?);
        }
        let end = parts.last().map_or(start, |n| n.span.end);
        Ok(Node {
            kind: Kind::Or(parts),
            span: start..end,
        })
    }

    fn and(&mut self, depth: usize) -> Result<Node, ExprError> {
        let depth = self.deeper(depth)?;
        let first = self.not(depth)?;
        if !self.at_word("and") {
            return Ok(first);
        }
        let start = first.span.start;
        let mut parts = vec![first];
        while self.at_word("and") {
            self.bump();
            parts.push(self.not(depth)?);
        }
        let end = parts.last().map_or(start, |n| n.span.end);
        Ok(Node {
            kind: Kind::And(parts),
            span: start..end,
        })
    }

    fn not(&mut self, depth: usize) -> Result<Node, ExprError> {
        let depth = self.deeper(depth)?;
        if self.at_word("not") {
            let (_, span) = self.bump();
            let inner = self.not(depth)?;
            let end = inner.span.end;
            return Ok(Node {
                kind: Kind::Not(Box::new(inner)),
                span: span.start..end,
            });
        }
        self.comparison(depth)
    }

    fn comparison(&mut self, depth: usize) -> Result<Node, ExprError> {
        let lhs = self.operand(depth)?;
        let op = match &self.peek().0 {
            Tok::Cmp(op) => Some(*op),
            Tok::Ident(w) if w == "in" => Some(Op::In),
            Tok::Ident(w) if w == "contains" => Some(Op::Contains),
            _ if self.at_word_pair("not", "in") => Some(Op::NotIn),
            _ => None,
        };
        let Some(op) = op else {
            return Ok(lhs);
        };
        self.bump();
        if op == Op::NotIn {
            self.bump();
        }
        let rhs = self.operand(depth)?;
        let span = lhs.span.start..rhs.span.end;
        Ok(Node {
            kind: Kind::Compare(op, Box::new(lhs), Box::new(rhs)),
            span,
        })
    }

    fn expect(&mut self, want: Tok, what: &str) -> Result<Range<usize>, ExprError> {
        let (tok, span) = self.bump();
        if tok == want {
            Ok(span)
        } else {
            Err(ExprError::new(
                "expr-syntax",
                span,
                format!("expected {what}, found {}", tok.describe()),
            ))
        }
    }

    fn operand(&mut self, depth: usize) -> Result<Node, ExprError> {
        let depth = self.deeper(depth)?;
        let (tok, span) = self.bump();
        match tok {
            Tok::LParen => {
                let inner = self.or(depth)?;
                let close = self.expect(Tok::RParen, "`)` to close the `(`")?;
                Ok(Node {
                    kind: inner.kind,
                    span: span.start..close.end,
                })
            }
            Tok::LBracket => {
                let mut elems = Vec::new();
                if self.peek().0 != Tok::RBracket {
                    loop {
                        elems.push(self.operand(depth)?);
                        if self.peek().0 == Tok::Comma {
                            self.bump();
                            if self.peek().0 == Tok::RBracket {
                                break;
                            }
                            continue;
                        }
                        break;
                    }
                }
                let close = self.expect(Tok::RBracket, "`,` or `]` in the list")?;
                Ok(Node {
                    kind: Kind::List(elems),
                    span: span.start..close.end,
                })
            }
            Tok::Str(s) => Ok(Node {
                kind: Kind::Str(s),
                span,
            }),
            Tok::Num(n) => Ok(Node {
                kind: Kind::Num(n),
                span,
            }),
            Tok::Ident(name) => self.name(name, span, depth),
            other => Err(ExprError::new(
                "expr-syntax",
                span,
                format!("expected a value, found {}", other.describe()),
            )
            .help("a value is context.FIELD, answer(ITEM), is_set(context.FIELD), a string, a number, true, false, a [list] or a condition in parentheses")),
        }
    }

    fn name(&mut self, name: String, span: Range<usize>, depth: usize) -> Result<Node, ExprError> {
        match name.as_str() {
            "true" => {
                return Ok(Node {
                    kind: Kind::Bool(true),
                    span,
                });
            }
            "false" => {
                return Ok(Node {
                    kind: Kind::Bool(false),
                    span,
                });
            }
            "answer" | "is_set" => {
                self.expect(Tok::LParen, &format!("`(` after `{name}`"))?;
                let node = if name == "answer" {
                    let (tok, arg_span) = self.bump();
                    let id = match tok {
                        Tok::Ident(id) | Tok::Str(id) => id,
                        other => {
                            return Err(ExprError::new(
                                "expr-syntax",
                                arg_span,
                                format!("expected an item id, found {}", other.describe()),
                            )
                            .help("write answer(theme.item), e.g. answer(inclusie.doenvermogen)"));
                        }
                    };
                    Kind::Answer(id)
                } else {
                    Kind::IsSet(Box::new(self.operand(depth)?))
                };
                let close = self.expect(Tok::RParen, &format!("`)` to close `{name}(`"))?;
                return Ok(Node {
                    kind: node,
                    span: span.start..close.end,
                });
            }
            _ => {}
        }
        if let Some(field) = name.strip_prefix("context.") {
            if !field.is_empty() {
                return Ok(Node {
                    kind: Kind::Context(field.to_string()),
                    span,
                });
            }
        }
        let help = if KEYWORDS.contains(&name.as_str()) {
            format!("`{name}` is a keyword and needs a value on both sides")
        } else {
            "a name is context.FIELD, answer(ITEM), is_set(context.FIELD), true or false; put text in quotes".to_string()
        };
        Err(ExprError::new("expr-syntax", span, format!("unknown name `{name}`")).help(help))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Kind {
        match parse(text) {
            Ok(node) => node.kind,
            Err(e) => panic!("{text}: {e:?}"),
        }
    }

    #[test]
    fn precedence_and_binds_tighter_than_or() {
        let Kind::Or(parts) = kinds("context.a or context.b and not context.c") else {
            panic!("expected or")
        };
        assert_eq!(parts.len(), 2);
        assert!(matches!(parts[1].kind, Kind::And(_)));
    }

    #[test]
    fn not_in_is_one_operator() {
        assert!(matches!(
            kinds("context.x not in [\"a\", 'b',]"),
            Kind::Compare(Op::NotIn, _, _)
        ));
    }

    #[test]
    fn errors_point_at_the_offending_bytes() {
        let e = parse("context.a && context.b").unwrap_err();
        assert_eq!(e.span, 10..12);
        assert!(e.help.unwrap().contains("and"));
        let e = parse("context.a == \"x").unwrap_err();
        assert_eq!(e.span.start, 13);
        let e = parse("context.a == 1 == 2").unwrap_err();
        assert!(e.help.unwrap().contains("chained"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = format!(
            "{}true{}",
            "(".repeat(5000).as_str(),
            ")".repeat(5000).as_str()
        );
        let e = parse(&text[..MAX_EXPR_LEN.min(text.len())]).unwrap_err();
        assert_eq!(e.code, "expr-too-deep");
        let long = "not ".repeat(2000) + "true";
        assert_eq!(parse(&long).unwrap_err().code, "expr-too-long");
    }

    #[test]
    fn numbers_allow_underscores_and_sign() {
        assert!(matches!(
            kinds("context.budget >= 1_000_000"),
            Kind::Compare(Op::Ge, _, rhs) if rhs.kind == Kind::Num(1_000_000.0)
        ));
        assert!(matches!(
            kinds("context.x > -2.5"),
            Kind::Compare(Op::Gt, _, rhs) if rhs.kind == Kind::Num(-2.5)
        ));
    }
}
