//! Type checking and compilation: a syntax tree → [`Expr`] that refers to context fields and
//! items by index. Every misspelt name, unknown option or token and type mismatch is an error
//! with the span of the offending part; all of them are reported, not only the first.

use std::ops::Range;

use super::ast::{Kind, Node, Op};
use super::error::ExprError;
use super::eval::Tri;
use super::eval::{Cond, Env};
use crate::field::Field;
use crate::hash::IdMap;
use crate::model::ruleset::FieldType;
use crate::scale::{AnswerState, Scale};
use crate::suggest::help_valid;

/// What an expression may refer to: the ruleset's context fields and, in signal conditions,
/// its items' answers.
pub struct Scope<'a> {
    pub(crate) fields: &'a [Field],
    pub(crate) field_index: &'a IdMap<usize>,
    /// Item id → (item index, scale index).
    pub(crate) items: &'a IdMap<(usize, usize)>,
    pub(crate) item_ids: &'a [String],
    pub(crate) scales: &'a [Scale],
    /// Whether `answer(…)` may be used (signals: yes; `applies_if`: no).
    pub(crate) answers_allowed: bool,
}

/// Something an expression reads, for explaining its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ref {
    Field(usize),
    Answer(usize),
}

/// A compiled expression: the condition, its source text and what it reads (with the names
/// under which explanations show them: `context.FIELD`, `answer(ITEM)`).
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub(crate) cond: Cond,
    pub(crate) source: String,
    pub(crate) refs: Vec<(Ref, String)>,
}

impl Expr {
    /// Parses, type-checks and compiles `text` in `scope`.
    pub fn compile(text: &str, scope: &Scope<'_>) -> Result<Expr, Vec<ExprError>> {
        let node = super::parse::parse(text).map_err(|e| vec![e])?;
        let mut cx = Checker {
            scope,
            errors: Vec::new(),
            refs: Vec::new(),
        };
        let cond = cx.condition(&node);
        match cond {
            Some(cond) if cx.errors.is_empty() => {
                let refs = cx
                    .refs
                    .iter()
                    .map(|r| {
                        let name = match *r {
                            Ref::Field(i) => format!(
                                "context.{}",
                                scope.fields.get(i).map_or("", |f| f.id.as_str())
                            ),
                            Ref::Answer(i) => format!(
                                "answer({})",
                                scope.item_ids.get(i).map_or("", String::as_str)
                            ),
                        };
                        (*r, name)
                    })
                    .collect();
                Ok(Expr {
                    cond,
                    source: text.to_string(),
                    refs,
                })
            }
            _ => Err(cx.errors),
        }
    }

    /// The expression as written in the rule file.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub(crate) fn eval(&self, env: &Env<'_>) -> Tri {
        self.cond.eval(env)
    }
}

/// A resolved operand.
enum Operand {
    Field(u16, usize),
    Answer(u16, usize),
    Str(String),
    Num(f64),
    Bool(bool),
    List(Vec<Node>),
    Cond(Cond),
}

struct Checker<'s, 'a> {
    scope: &'s Scope<'a>,
    errors: Vec<ExprError>,
    refs: Vec<Ref>,
}

fn index16(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

impl Checker<'_, '_> {
    fn err(&mut self, e: ExprError) {
        self.errors.push(e);
    }

    fn field(&self, i: usize) -> Option<&Field> {
        self.scope.fields.get(i)
    }

    fn describe(&self, op: &Operand) -> String {
        match op {
            Operand::Field(_, i) => self.field(*i).map_or_else(
                || "a context field".to_string(),
                |f| format!("context.{} (a {} field)", f.id, f.kind.name()),
            ),
            Operand::Answer(i, _) => format!(
                "answer({})",
                self.scope
                    .item_ids
                    .get(usize::from(*i))
                    .map_or("?", String::as_str)
            ),
            Operand::Str(s) => format!("the string \"{s}\""),
            Operand::Num(n) => format!("the number {}", crate::numfmt::num(*n)),
            Operand::Bool(b) => format!("`{b}`"),
            Operand::List(_) => "a list".to_string(),
            Operand::Cond(_) => "a condition".to_string(),
        }
    }

    fn note_ref(&mut self, r: Ref) {
        if !self.refs.contains(&r) {
            self.refs.push(r);
        }
    }

    /// Resolves a node as an operand; `None` after reporting an error.
    fn operand(&mut self, node: &Node) -> Option<Operand> {
        match &node.kind {
            Kind::Context(name) => match self.scope.field_index.get(name) {
                Some(&i) => {
                    self.note_ref(Ref::Field(i));
                    Some(Operand::Field(index16(i), i))
                }
                None => {
                    let help = help_valid(
                        name,
                        "context fields",
                        self.scope.fields.iter().map(|f| f.id.as_str()),
                    );
                    self.err(
                        ExprError::new(
                            "expr-unknown-field",
                            node.span.clone(),
                            format!("unknown context field `{name}`"),
                        )
                        .help(help),
                    );
                    None
                }
            },
            Kind::Answer(id) => {
                if !self.scope.answers_allowed {
                    self.err(
                        ExprError::new(
                            "expr-answer-not-allowed",
                            node.span.clone(),
                            "`applies_if` may refer to context fields only, not to answers",
                        )
                        .help("whether a question is asked depends on what the proposal is; use a signal to react to answers"),
                    );
                    return None;
                }
                match self.scope.items.get(id) {
                    Some(&(i, scale)) => {
                        self.note_ref(Ref::Answer(i));
                        Some(Operand::Answer(index16(i), scale))
                    }
                    None => {
                        let help = help_valid(
                            id,
                            "item ids",
                            self.scope.item_ids.iter().map(String::as_str),
                        );
                        self.err(
                            ExprError::new(
                                "expr-unknown-item",
                                node.span.clone(),
                                format!("unknown item `{id}`"),
                            )
                            .help(help),
                        );
                        None
                    }
                }
            }
            Kind::Str(s) => Some(Operand::Str(s.clone())),
            Kind::Num(n) => Some(Operand::Num(*n)),
            Kind::Bool(b) => Some(Operand::Bool(*b)),
            Kind::List(items) => Some(Operand::List(items.clone())),
            Kind::Or(_) | Kind::And(_) | Kind::Not(_) | Kind::Compare(..) | Kind::IsSet(_) => {
                self.condition(node).map(Operand::Cond)
            }
        }
    }

    /// Compiles a node that must be a condition.
    fn condition(&mut self, node: &Node) -> Option<Cond> {
        match &node.kind {
            Kind::Or(parts) | Kind::And(parts) => {
                let compiled: Vec<Option<Cond>> = parts.iter().map(|p| self.condition(p)).collect();
                let compiled: Option<Vec<Cond>> = compiled.into_iter().collect();
                let compiled = compiled?.into_boxed_slice();
                Some(if matches!(node.kind, Kind::Or(_)) {
                    Cond::Or(compiled)
                } else {
                    Cond::And(compiled)
                })
            }
            Kind::Not(inner) => self.condition(inner).map(|c| Cond::Not(Box::new(c))),
            Kind::Compare(op, lhs, rhs) => self.compare(*op, lhs, rhs, node.span.clone()),
            Kind::IsSet(inner) => match self.operand(inner)? {
                Operand::Field(f, _) => Some(Cond::IsSet(f)),
                other => {
                    let what = self.describe(&other);
                    self.err(
                        ExprError::new(
                            "expr-type",
                            inner.span.clone(),
                            format!("is_set() takes a context field, not {what}"),
                        )
                        .help("write is_set(context.FIELD)"),
                    );
                    None
                }
            },
            Kind::Bool(b) => Some(Cond::Const(*b)),
            _ => match self.operand(node)? {
                Operand::Field(f, i)
                    if self.field(i).is_some_and(|x| x.kind == FieldType::Boolean) =>
                {
                    Some(Cond::BoolField(f))
                }
                Operand::Cond(c) => Some(c),
                other => {
                    let what = self.describe(&other);
                    let help = match other {
                        Operand::Field(_, i) => match self.field(i).map(|f| f.kind) {
                            Some(FieldType::Choices) => format!(
                                "test it, e.g. context.{} contains \"…\"",
                                self.field(i).map_or("", |f| f.id.as_str())
                            ),
                            _ => format!(
                                "compare it, e.g. context.{} == \"…\"",
                                self.field(i).map_or("", |f| f.id.as_str())
                            ),
                        },
                        Operand::Answer(..) => {
                            "compare it, e.g. answer(ITEM) == \"no\"".to_string()
                        }
                        _ => "write a comparison such as context.FIELD == \"…\"".to_string(),
                    };
                    self.err(
                        ExprError::new(
                            "expr-type",
                            node.span.clone(),
                            format!("{what} is not a condition"),
                        )
                        .help(help),
                    );
                    None
                }
            },
        }
    }

    fn type_error(&mut self, span: Range<usize>, op: Op, l: &Operand, r: &Operand, help: &str) {
        let (dl, dr) = (self.describe(l), self.describe(r));
        self.err(
            ExprError::new(
                "expr-type",
                span,
                format!("cannot use `{}` with {dl} and {dr}", op.symbol()),
            )
            .help(help.to_string()),
        );
    }

    fn compare(&mut self, op: Op, lhs: &Node, rhs: &Node, span: Range<usize>) -> Option<Cond> {
        let l = self.operand(lhs);
        let r = self.operand(rhs);
        let (mut l, mut r) = (l?, r?);
        let (mut lnode, mut rnode) = (lhs, rhs);
        let mut op = op;
        let is_ref = |o: &Operand| matches!(o, Operand::Field(..) | Operand::Answer(..));
        if !is_ref(&l) && is_ref(&r) {
            if let Some(flipped) = op.flipped() {
                std::mem::swap(&mut l, &mut r);
                std::mem::swap(&mut lnode, &mut rnode);
                op = flipped;
            }
        }
        let negate = matches!(op, Op::Ne | Op::NotIn);
        let cond = match op {
            Op::In | Op::NotIn => self.membership(op, &l, &r, rnode, span)?,
            Op::Contains => self.contains(&l, &r, rnode, span)?,
            Op::Eq | Op::Ne => self.equality(op, &l, &r, rnode, span)?,
            Op::Lt | Op::Le | Op::Gt | Op::Ge => self.ordering(op, &l, &r, span)?,
        };
        Some(if negate {
            Cond::Not(Box::new(cond))
        } else {
            cond
        })
    }

    fn ordering(&mut self, op: Op, l: &Operand, r: &Operand, span: Range<usize>) -> Option<Cond> {
        let kind = |o: &Operand| match o {
            Operand::Field(_, i) => self.field(*i).map(|f| f.kind),
            _ => None,
        };
        match (l, r) {
            (Operand::Field(f, _), Operand::Num(n)) if kind(l) == Some(FieldType::Number) => {
                Some(Cond::NumCmp(*f, op, *n))
            }
            (Operand::Field(a, _), Operand::Field(b, _))
                if kind(l) == Some(FieldType::Number) && kind(r) == Some(FieldType::Number) =>
            {
                Some(Cond::NumFields(*a, op, *b))
            }
            _ => {
                self.type_error(
                    span,
                    op,
                    l,
                    r,
                    "only number fields can be ordered, e.g. context.budget >= 100000",
                );
                None
            }
        }
    }

    /// The option bit a string literal names in a choice field, or an error at `at`.
    fn option_bit(&mut self, field: usize, s: &str, at: Range<usize>) -> Option<u64> {
        let f = self.field(field)?;
        match f.option(s) {
            Some(i) if i < 64 => Some(1u64 << i),
            _ => {
                let help = help_valid(s, "options", f.option_ids());
                let msg = format!("`{s}` is not an option of context.{}", f.id);
                self.err(ExprError::new("expr-unknown-option", at, msg).help(help));
                None
            }
        }
    }

    /// The answer-set bit a string literal names for an item's scale, or an error at `at`.
    fn token_bit(&mut self, item: u16, scale: usize, s: &str, at: Range<usize>) -> Option<u64> {
        let sc = self.scope.scales.get(scale)?;
        match sc.parse_token(s, true) {
            Some(state) => Some(state.bit()),
            None => {
                let mut valid = sc.valid_tokens();
                valid.push(crate::vocab::UNANSWERED);
                let help = help_valid(s, "tokens", valid.iter().copied());
                let id = self
                    .scope
                    .item_ids
                    .get(usize::from(item))
                    .map_or("?", String::as_str);
                let msg = format!("`{s}` is not an answer of answer({id}) (scale `{}`)", sc.id);
                self.err(ExprError::new("expr-unknown-token", at, msg).help(help));
                None
            }
        }
    }

    fn equality(
        &mut self,
        op: Op,
        l: &Operand,
        r: &Operand,
        rnode: &Node,
        span: Range<usize>,
    ) -> Option<Cond> {
        let kind = |o: &Operand| match o {
            Operand::Field(_, i) => self.field(*i).map(|f| f.kind),
            _ => None,
        };
        let at = rnode.span.clone();
        match (l, r, kind(l)) {
            (Operand::Field(f, i), Operand::Str(s), Some(FieldType::Choice)) => {
                let bit = self.option_bit(*i, s, at)?;
                Some(Cond::ChoiceIn(*f, bit))
            }
            (Operand::Field(f, _), Operand::Str(s), Some(FieldType::Text)) => {
                Some(Cond::TextIn(*f, vec![s.clone()].into_boxed_slice()))
            }
            (Operand::Field(f, _), Operand::Num(n), Some(FieldType::Number)) => {
                Some(Cond::NumCmp(*f, Op::Eq, *n))
            }
            (Operand::Field(a, _), Operand::Field(b, _), Some(FieldType::Number))
                if kind(r) == Some(FieldType::Number) =>
            {
                Some(Cond::NumFields(*a, Op::Eq, *b))
            }
            (Operand::Field(f, _), Operand::Bool(b), Some(FieldType::Boolean)) => {
                let c = Cond::BoolField(*f);
                Some(if *b { c } else { Cond::Not(Box::new(c)) })
            }
            (Operand::Answer(item, scale), Operand::Str(s), None) => {
                let bit = self.token_bit(*item, *scale, s, at)?;
                Some(Cond::AnswerIn(*item, bit))
            }
            (Operand::Answer(item, scale), Operand::Num(n), None) => {
                let bit = self.token_bit(*item, *scale, &crate::numfmt::num(*n), at)?;
                Some(Cond::AnswerIn(*item, bit))
            }
            (Operand::Field(..), Operand::Str(_), Some(FieldType::Choices)) => {
                self.type_error(
                    span,
                    op,
                    l,
                    r,
                    "a choices field holds several options: test one with `contains`",
                );
                None
            }
            _ => {
                self.type_error(
                    span,
                    op,
                    l,
                    r,
                    "compare a field or answer with a value of its own type: choice and text fields and answers with a \"string\", number fields with a number, boolean fields with true or false",
                );
                None
            }
        }
    }

    fn membership(
        &mut self,
        op: Op,
        l: &Operand,
        r: &Operand,
        rnode: &Node,
        span: Range<usize>,
    ) -> Option<Cond> {
        let Operand::List(elems) = r else {
            self.type_error(
                span,
                op,
                l,
                r,
                "the right side of `in` is a list, e.g. [\"subsidy\", \"programme\"]",
            );
            return None;
        };
        if elems.is_empty() {
            self.err(
                ExprError::new("expr-type", rnode.span.clone(), "the list is empty")
                    .help("list at least one value"),
            );
            return None;
        }
        let kind = match l {
            Operand::Field(_, i) => self.field(*i).map(|f| f.kind),
            _ => None,
        };
        let mut ok = true;
        let cond = match (l, kind) {
            (Operand::Field(f, i), Some(FieldType::Choice)) => {
                let mut set = 0u64;
                for e in elems {
                    match &e.kind {
                        Kind::Str(s) => match self.option_bit(*i, s, e.span.clone()) {
                            Some(b) => set |= b,
                            None => ok = false,
                        },
                        _ => {
                            self.element_error(e, "a string option");
                            ok = false;
                        }
                    }
                }
                Cond::ChoiceIn(*f, set)
            }
            (Operand::Field(f, _), Some(FieldType::Text)) => {
                let mut set = Vec::new();
                for e in elems {
                    match &e.kind {
                        Kind::Str(s) => set.push(s.clone()),
                        _ => {
                            self.element_error(e, "a string");
                            ok = false;
                        }
                    }
                }
                Cond::TextIn(*f, set.into_boxed_slice())
            }
            (Operand::Field(f, _), Some(FieldType::Number)) => {
                let mut set = Vec::new();
                for e in elems {
                    match &e.kind {
                        Kind::Num(n) => set.push(*n),
                        _ => {
                            self.element_error(e, "a number");
                            ok = false;
                        }
                    }
                }
                Cond::NumIn(*f, set.into_boxed_slice())
            }
            (Operand::Answer(item, scale), _) => {
                let mut set = 0u64;
                for e in elems {
                    let token = match &e.kind {
                        Kind::Str(s) => Some(s.clone()),
                        Kind::Num(n) => Some(crate::numfmt::num(*n)),
                        _ => None,
                    };
                    match token {
                        Some(t) => match self.token_bit(*item, *scale, &t, e.span.clone()) {
                            Some(b) => set |= b,
                            None => ok = false,
                        },
                        None => {
                            self.element_error(e, "an answer token in quotes");
                            ok = false;
                        }
                    }
                }
                Cond::AnswerIn(*item, set)
            }
            (Operand::Field(..), Some(FieldType::Choices)) => {
                self.type_error(
                    span,
                    op,
                    l,
                    r,
                    "a choices field holds several options: test one with `contains`",
                );
                return None;
            }
            _ => {
                self.type_error(
                    span,
                    op,
                    l,
                    r,
                    "the left side of `in` is a context field or answer(ITEM)",
                );
                return None;
            }
        };
        ok.then_some(cond)
    }

    fn element_error(&mut self, e: &Node, want: &str) {
        self.err(ExprError::new(
            "expr-type",
            e.span.clone(),
            format!("list elements here must each be {want}"),
        ));
    }

    fn contains(
        &mut self,
        l: &Operand,
        r: &Operand,
        rnode: &Node,
        span: Range<usize>,
    ) -> Option<Cond> {
        let kind = match l {
            Operand::Field(_, i) => self.field(*i).map(|f| f.kind),
            _ => None,
        };
        match (l, r, kind) {
            (Operand::Field(f, i), Operand::Str(s), Some(FieldType::Choices)) => {
                let bit = self.option_bit(*i, s, rnode.span.clone())?;
                Some(Cond::ChoicesContains(*f, bit))
            }
            (Operand::Field(f, _), Operand::Str(s), Some(FieldType::Text)) => {
                Some(Cond::TextContains(*f, s.clone()))
            }
            _ => {
                self.type_error(
                    span,
                    Op::Contains,
                    l,
                    r,
                    "`contains` tests a choices field for one option, or a text field for a piece of text, e.g. context.target_groups contains \"elderly\"",
                );
                None
            }
        }
    }
}

impl AnswerState {
    /// Used by tests: every state's bit is distinct.
    #[cfg(test)]
    fn all_bits() -> Vec<u64> {
        let mut v: Vec<u64> = (0..32).map(|i| AnswerState::Option(i).bit()).collect();
        v.extend([
            AnswerState::Unknown.bit(),
            AnswerState::NotApplicable.bit(),
            AnswerState::Unanswered.bit(),
        ]);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::Choice;
    use crate::scale::ScaleOption;
    use crate::text::Text;

    struct Fixture {
        fields: Vec<Field>,
        field_index: IdMap<usize>,
        items: IdMap<(usize, usize)>,
        item_ids: Vec<String>,
        scales: Vec<Scale>,
    }

    fn fixture() -> Fixture {
        let field = |id: &str, kind, options: &[&str]| Field {
            id: id.into(),
            kind,
            options: options
                .iter()
                .map(|o| Choice {
                    id: (*o).into(),
                    aliases: vec![],
                })
                .collect(),
            min: None,
            max: None,
        };
        let fields = vec![
            field("instrument", FieldType::Choice, &["subsidy", "regulation"]),
            field("target_groups", FieldType::Choices, &["elderly", "youth"]),
            field("budget", FieldType::Number, &[]),
            field("citizens_affected", FieldType::Boolean, &[]),
            field("area", FieldType::Text, &[]),
        ];
        let field_index = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
        let opt = |t: &str, f: f64| ScaleOption {
            token: t.into(),
            fraction: f,
            aliases: vec![],
            label: Text::default(),
        };
        let scales = vec![Scale {
            id: "yes_no".into(),
            options: vec![opt("yes", 1.0), opt("partly", 0.5), opt("no", 0.0)],
            best: 0,
        }];
        let item_ids = vec!["inclusie.a".to_string()];
        let items = [("inclusie.a".to_string(), (0, 0))].into_iter().collect();
        Fixture {
            fields,
            field_index,
            items,
            item_ids,
            scales,
        }
    }

    fn compile(text: &str, answers: bool) -> Result<Expr, Vec<ExprError>> {
        let f = fixture();
        let scope = Scope {
            fields: &f.fields,
            field_index: &f.field_index,
            items: &f.items,
            item_ids: &f.item_ids,
            scales: &f.scales,
            answers_allowed: answers,
        };
        Expr::compile(text, &scope)
    }

    fn eval(text: &str, ctx: &[Option<CtxValueAlias>], answer: AnswerState) -> Tri {
        let e = compile(text, true).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        let env = Env {
            context: ctx,
            answers: &[answer],
        };
        e.eval(&env)
    }

    type CtxValueAlias = crate::expr::eval::CtxValue;
    use crate::expr::eval::CtxValue as V;

    #[test]
    fn misspelt_field_is_an_error_with_a_suggestion_and_span() {
        let errs = compile("context.instrumnet == \"subsidy\"", false).unwrap_err();
        assert_eq!(errs[0].code, "expr-unknown-field");
        assert_eq!(errs[0].span, 0..18);
        assert!(
            errs[0]
                .help
                .as_deref()
                .unwrap()
                .contains("did you mean `instrument`")
        );
    }

    #[test]
    fn all_errors_are_reported() {
        let errs = compile(
            "context.x == 1 and context.instrument == \"subsidie\"",
            false,
        )
        .unwrap_err();
        let codes: Vec<_> = errs.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["expr-unknown-field", "expr-unknown-option"]);
    }

    #[test]
    fn wrong_types_are_rejected() {
        for text in [
            "context.budget == \"veel\"",
            "context.instrument > 3",
            "context.target_groups == \"elderly\"",
            "context.instrument",
            "context.area in [1, 2]",
            "\"a\" contains \"b\"",
        ] {
            let errs = compile(text, false).unwrap_err();
            assert!(
                errs.iter().all(|e| e.code == "expr-type"),
                "{text}: {errs:?}"
            );
        }
    }

    #[test]
    fn answers_only_where_allowed() {
        let errs = compile("answer(inclusie.a) == \"no\"", false).unwrap_err();
        assert_eq!(errs[0].code, "expr-answer-not-allowed");
        assert!(compile("answer(inclusie.a) == \"No\"", true).is_ok());
        let errs = compile("answer(inclusie.a) == \"misschien\"", true).unwrap_err();
        assert_eq!(errs[0].code, "expr-unknown-token");
    }

    #[test]
    fn evaluation_matches_the_meaning() {
        let ctx = vec![
            Some(V::Choice(1)),
            Some(V::Choices(0b10)),
            Some(V::Num(250_000.0)),
            None,
            Some(V::Text("Stad Utrecht".into())),
        ];
        let no = AnswerState::Option(2);
        assert_eq!(
            eval("context.instrument == \"regulation\"", &ctx, no),
            Tri::True
        );
        assert_eq!(
            eval("\"regulation\" != context.instrument", &ctx, no),
            Tri::False
        );
        assert_eq!(
            eval("context.instrument in [\"subsidy\"]", &ctx, no),
            Tri::False
        );
        assert_eq!(
            eval("context.instrument not in [\"subsidy\"]", &ctx, no),
            Tri::True
        );
        assert_eq!(
            eval("context.target_groups contains \"youth\"", &ctx, no),
            Tri::True
        );
        assert_eq!(eval("100000 < context.budget", &ctx, no), Tri::True);
        assert_eq!(eval("context.citizens_affected", &ctx, no), Tri::Unknown);
        assert_eq!(
            eval("not is_set(context.citizens_affected)", &ctx, no),
            Tri::True
        );
        assert_eq!(
            eval("context.area contains \"utrecht\"", &ctx, no),
            Tri::True
        );
        assert_eq!(
            eval("answer(inclusie.a) in [\"no\", \"unknown\"]", &ctx, no),
            Tri::True
        );
        assert_eq!(
            eval(
                "answer(inclusie.a) == \"unanswered\"",
                &ctx,
                AnswerState::Unanswered
            ),
            Tri::True
        );
    }

    #[test]
    fn answer_bits_are_distinct() {
        let bits = AnswerState::all_bits();
        let mut seen = 0u64;
        for b in bits {
            assert_eq!(seen & b, 0);
            seen |= b;
        }
    }
}
