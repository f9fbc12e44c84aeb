//! Numbers as people write them in cells and form fields: `2500`, `2.500,50` (Dutch),
//! `2,500.50` (English), `2 500`, `-1,5`, `1e6`. A number is read correctly or refused with
//! the position of the problem: never guessed.
//!
//! One rule decides every separator: where `.` and `,` both occur, the last one is the
//! decimal separator; where one of them occurs twice or more, it separates thousands; where
//! one occurs once, it is the decimal separator unless it could separate thousands (exactly
//! three digits after it, one to three before it, not starting with 0: `2.500`, `12,000`).
//! Only that last case depends on how the text is written: [`NumberStyle::Dutch`] reads
//! `2.500` as 2500 and `2,500` as 2.5, [`NumberStyle::English`] the other way round, and
//! [`NumberStyle::Auto`] refuses it as ambiguous. Spaces, `_` and `'` separate thousands
//! only. Groups of thousands have three digits.

use std::str::FromStr;

use crate::error::ProposalIssue;
use crate::text::Lang;

/// How the numbers of a table or a form field are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NumberStyle {
    /// Either way: a number that reads differently the Dutch and the English way (`2.500`,
    /// `2,500`) is refused as ambiguous.
    #[default]
    Auto,
    /// The Dutch way: `2.500,50` (a `.` between thousands, a `,` before the decimals).
    Dutch,
    /// The English way: `2,500.50`.
    English,
}

impl NumberStyle {
    /// The style of a language: Dutch for `nl`, English for `en`.
    pub fn of(lang: Lang) -> Self {
        match lang {
            Lang::Nl => NumberStyle::Dutch,
            Lang::En => NumberStyle::English,
        }
    }

    /// The style's name: `auto`, `nl` or `en`.
    pub fn name(self) -> &'static str {
        match self {
            NumberStyle::Auto => "auto",
            NumberStyle::Dutch => "nl",
            NumberStyle::English => "en",
        }
    }

    /// A number written in this style, without thousands separators: `2500,5` (Dutch),
    /// `2500.5` (English and auto). [`parse_number`] reads it back in any style: where the
    /// decimals would look like a group of thousands (`1.001`), a `0` is added (`1.0010`).
    pub fn format(self, x: f64) -> String {
        let mut s = crate::numfmt::num(x);
        if let Some((int, decimals)) = s.split_once('.') {
            let int = int.trim_start_matches('-');
            if decimals.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0') {
                s.push('0');
            }
        }
        match self {
            NumberStyle::Dutch if !s.contains(['e', 'E']) => s.replace('.', ","),
            _ => s,
        }
    }
}

impl FromStr for NumberStyle {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(NumberStyle::Auto),
            "nl" | "dutch" => Ok(NumberStyle::Dutch),
            "en" | "english" => Ok(NumberStyle::English),
            other => Err(format!(
                "unknown number style `{other}`; valid: auto, nl, en"
            )),
        }
    }
}

/// Why a text is not a number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
#[non_exhaustive]
pub struct NumberError {
    /// `invalid-number` (not a number) or `ambiguous-number` (a number that reads
    /// differently the Dutch and the English way).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    pub help: String,
    /// The 1-based position (in characters) in the text of the problem.
    pub column: u32,
}

impl NumberError {
    /// The problem as a proposal problem on line 1, at its column (for front ends that report
    /// every problem of an input the same way).
    pub fn issue(&self) -> ProposalIssue {
        ProposalIssue::new(self.code, "", self.message.clone())
            .with_help(self.help.clone())
            .with_position(1, self.column)
    }
}

fn error(code: &'static str, column: usize, message: String, help: &str) -> NumberError {
    NumberError {
        code,
        message,
        help: help.to_string(),
        column: u32::try_from(column + 1).unwrap_or(u32::MAX),
    }
}

const HELP: &str = "write digits with `,` or `.` before the decimals, e.g. 2500, 2500,50 or 2.500,50 (Dutch), 2500.50 or 2,500.50 (English)";

/// Separators between groups of thousands that are never decimal separators.
fn is_grouping(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_' | '\'')
}

/// Reads a number written in `style` (see the module's rule). Surrounding spaces are
/// ignored.
pub fn parse_number(text: &str, style: NumberStyle) -> Result<f64, NumberError> {
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let chars: Vec<char> = text.trim().chars().collect();
    let at = |i: usize| lead + i;
    if chars.is_empty() {
        return Err(error(
            "invalid-number",
            0,
            "there is no number".into(),
            HELP,
        ));
    }
    let (negative, start) = match chars[0] {
        '-' | '−' => (true, 1),
        '+' => (false, 1),
        _ => (false, 0),
    };
    let body = &chars[start..];
    if body.is_empty() {
        return Err(error(
            "invalid-number",
            lead,
            format!("`{}` is not a number", text.trim()),
            HELP,
        ));
    }
    if let Some(e) = body.iter().position(|c| matches!(c, 'e' | 'E')) {
        return scientific(body, e, negative, &|i| at(start + i));
    }
    // Split into runs of digits and the single separators between them.
    let mut groups: Vec<(usize, usize)> = Vec::new(); // (start, end) of each run of digits
    let mut seps: Vec<(usize, char)> = Vec::new(); // position and character
    let mut run: Option<usize> = None;
    for (i, &c) in body.iter().enumerate() {
        if c.is_ascii_digit() {
            run.get_or_insert(i);
            continue;
        }
        if !(c == '.' || c == ',' || is_grouping(c)) {
            return Err(error(
                "invalid-number",
                at(start + i),
                format!(
                    "`{}` is not a number: `{c}` is not part of one",
                    text.trim()
                ),
                HELP,
            ));
        }
        match run.take() {
            Some(s) => groups.push((s, i)),
            None if i == 0 && (c == '.' || c == ',') => groups.push((0, 0)),
            None => {
                return Err(error(
                    "invalid-number",
                    at(start + i),
                    format!("`{}` is not a number: two separators in a row", text.trim()),
                    HELP,
                ));
            }
        }
        seps.push((i, c));
    }
    match run {
        Some(s) => groups.push((s, body.len())),
        // A trailing decimal separator (`5.`, `5,`) stands for no decimals.
        None if seps.last().is_some_and(|&(_, c)| c == '.' || c == ',') => {
            groups.push((body.len(), body.len()))
        }
        None => {
            return Err(error(
                "invalid-number",
                at(start + body.len().saturating_sub(1)),
                format!("`{}` is not a number", text.trim()),
                HELP,
            ));
        }
    }
    let digits = |g: (usize, usize)| -> String { body[g.0..g.1].iter().collect() };
    let decimal = decimal_separator(body, &groups, &seps, style).map_err(|(i, code, message)| {
        error(
            code,
            at(start + i),
            format!("`{}` {message}", text.trim()),
            if code == "ambiguous-number" {
                "write it without the separator (2500), with the decimals it has (2,5 or 2.5 as the language writes it), or say how the numbers are written (nl or en)"
            } else {
                HELP
            },
        )
    })?;
    // The integer part: the groups before the decimal separator, all separated the same way,
    // every group after the first three digits long.
    let int_groups = match decimal {
        Some(k) => &groups[..=k],
        None => &groups[..],
    };
    let int_seps = match decimal {
        Some(k) => &seps[..k],
        None => &seps[..],
    };
    if let Some(&(_, kind)) = int_seps.first() {
        if let Some(&(i, c)) = int_seps.iter().find(|&&(_, c)| c != kind) {
            return Err(error(
                "invalid-number",
                at(start + i),
                format!(
                    "`{}` is not a number: `{kind}` and `{c}` both separate thousands",
                    text.trim()
                ),
                HELP,
            ));
        }
        let first = int_groups[0];
        if first.1 - first.0 > 3 || first.1 == first.0 {
            return Err(error(
                "invalid-number",
                at(start + first.0),
                format!(
                    "`{}` is not a number: the digits before the first `{kind}` are not a group of thousands",
                    text.trim()
                ),
                HELP,
            ));
        }
        for g in &int_groups[1..] {
            if g.1 - g.0 != 3 {
                return Err(error(
                    "invalid-number",
                    at(start + g.0),
                    format!(
                        "`{}` is not a number: a group of thousands after `{kind}` has {} digits, not 3",
                        text.trim(),
                        g.1 - g.0
                    ),
                    HELP,
                ));
            }
        }
    }
    let mut plain = String::with_capacity(body.len() + 2);
    if negative {
        plain.push('-');
    }
    for &g in int_groups {
        plain.push_str(&digits(g));
    }
    if plain.trim_start_matches('-').is_empty() {
        plain.push('0');
    }
    if let Some(k) = decimal {
        let rest = &groups[k + 1..];
        plain.push('.');
        plain.push_str(&rest.iter().map(|&g| digits(g)).collect::<String>());
        plain.push('0');
    }
    finite(&plain, text, lead)
}

/// Which separator, by its index in `seps`, is the decimal one; or the position, code and
/// message of why none can be chosen.
fn decimal_separator(
    body: &[char],
    groups: &[(usize, usize)],
    seps: &[(usize, char)],
    style: NumberStyle,
) -> Result<Option<usize>, (usize, &'static str, String)> {
    let marks: Vec<usize> = (0..seps.len())
        .filter(|&k| matches!(seps[k].1, '.' | ','))
        .collect();
    let Some(&last) = marks.last() else {
        return Ok(None);
    };
    let last_char = seps[last].1;
    let same: Vec<usize> = marks
        .iter()
        .copied()
        .filter(|&k| seps[k].1 == last_char)
        .collect();
    let other = marks.iter().any(|&k| seps[k].1 != last_char);
    // Nothing may follow the decimal separator but its digits.
    let decimal_ok = |k: usize| {
        if k + 1 != seps.len() {
            let (i, c) = seps[k + 1];
            return Err((
                i,
                "invalid-number",
                format!("is not a number: `{c}` after the decimals"),
            ));
        }
        Ok(Some(k))
    };
    if other {
        // Both `.` and `,`: the last one is the decimal separator, once.
        if same.len() > 1 {
            return Err((
                seps[last].0,
                "invalid-number",
                format!("is not a number: `{last_char}` both separates thousands and decimals"),
            ));
        }
        if marks
            .iter()
            .any(|&k| seps[k].1 != last_char && seps[k].0 > seps[last].0)
        {
            return Err((seps[last].0, "invalid-number", "is not a number".into()));
        }
        return decimal_ok(last);
    }
    if same.len() > 1 {
        // One of them, several times: thousands.
        return Ok(None);
    }
    if marks.len() < seps.len() {
        // Spaces or `_` separate the thousands; the one `.` or `,` is the decimal separator.
        return decimal_ok(last);
    }
    let before = groups[last];
    let after = groups[last + 1];
    let could_group =
        after.1 - after.0 == 3 && (1..=3).contains(&(before.1 - before.0)) && body[before.0] != '0';
    if !could_group {
        return decimal_ok(last);
    }
    let thousands = match (style, last_char) {
        (NumberStyle::Dutch, '.') | (NumberStyle::English, ',') => true,
        (NumberStyle::Dutch, _) | (NumberStyle::English, _) => false,
        (NumberStyle::Auto, c) => {
            return Err((
                seps[last].0,
                "ambiguous-number",
                format!(
                    "is ambiguous: with `{c}` between thousands it is {}, with `{c}` before the decimals it is {}",
                    as_thousands(body),
                    as_decimal(body, c)
                ),
            ));
        }
    };
    if thousands {
        Ok(None)
    } else {
        decimal_ok(last)
    }
}

fn as_thousands(body: &[char]) -> String {
    body.iter().filter(|c| c.is_ascii_digit()).collect()
}

fn as_decimal(body: &[char], sep: char) -> String {
    let plain: String = body
        .iter()
        .map(|&c| if c == sep { '.' } else { c })
        .collect();
    plain.parse::<f64>().map_or(plain, crate::numfmt::num)
}

/// `1e6`, `2.5E-3`: digits with at most one `.`, then the exponent.
fn scientific(
    body: &[char],
    e: usize,
    negative: bool,
    at: &dyn Fn(usize) -> usize,
) -> Result<f64, NumberError> {
    let text: String = body.iter().collect();
    let mantissa = &body[..e];
    let exponent = &body[e + 1..];
    let exponent = exponent
        .strip_prefix(&['-'])
        .or_else(|| exponent.strip_prefix(&['+']))
        .unwrap_or(exponent);
    let dots = mantissa.iter().filter(|&&c| c == '.').count();
    let bad = mantissa
        .iter()
        .position(|&c| !(c.is_ascii_digit() || c == '.'))
        .or_else(|| (dots > 1).then_some(e))
        .or_else(|| (!mantissa.iter().any(char::is_ascii_digit)).then_some(0))
        .or_else(|| {
            (exponent.is_empty() || !exponent.iter().all(char::is_ascii_digit)).then_some(e)
        });
    if let Some(i) = bad {
        return Err(error(
            "invalid-number",
            at(i),
            format!("`{text}` is not a number"),
            "write an exponent after digits and at most one `.`, e.g. 2.5e6",
        ));
    }
    let plain = if negative { format!("-{text}") } else { text };
    finite(&plain, &plain, 0)
}

/// The value of a plain number (`-2500.5`), if it is finite.
fn finite(plain: &str, text: &str, lead: usize) -> Result<f64, NumberError> {
    match plain.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(if x == 0.0 { 0.0 } else { x }),
        _ => Err(error(
            "invalid-number",
            lead,
            format!("`{}` is too large to be a number", text.trim()),
            HELP,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberStyle::{Auto, Dutch, English};

    fn ok(text: &str, style: NumberStyle) -> f64 {
        parse_number(text, style).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn refused(text: &str, style: NumberStyle) -> NumberError {
        parse_number(text, style).expect_err(text)
    }

    #[test]
    fn dutch_numbers_are_read_as_written() {
        for style in [Auto, Dutch, English] {
            assert_eq!(ok("2.500,50", style), 2500.5);
            assert_eq!(ok("2.500.000", style), 2_500_000.0);
            assert_eq!(ok("2,5", style), 2.5);
            assert_eq!(ok("-1.234.567,89", style), -1_234_567.89);
            assert_eq!(ok("2500,50", style), 2500.5);
            assert_eq!(ok("0,500", style), 0.5);
        }
        assert_eq!(ok("2.500", Dutch), 2500.0);
        assert_eq!(ok("2,500", Dutch), 2.5);
    }

    #[test]
    fn english_and_plain_numbers_too() {
        for style in [Auto, Dutch, English] {
            assert_eq!(ok("2,500.50", style), 2500.5);
            assert_eq!(ok("2500", style), 2500.0);
            assert_eq!(ok(" 2500.5 ", style), 2500.5);
            assert_eq!(ok("1 000 000", style), 1e6);
            assert_eq!(ok("1_000_000", style), 1e6);
            assert_eq!(ok("1 000,5", style), 1000.5);
            assert_eq!(ok("1e6", style), 1e6);
            assert_eq!(ok("-2.5E-3", style), -0.0025);
            assert_eq!(ok(".5", style), 0.5);
            assert_eq!(ok("5.", style), 5.0);
            assert_eq!(ok("+3", style), 3.0);
        }
        assert_eq!(ok("2.500", English), 2.5);
        assert_eq!(ok("2,500", English), 2500.0);
    }

    #[test]
    fn ambiguous_numbers_are_refused_where_the_style_does_not_decide() {
        for text in ["2.500", "2,500", "12.345", "999,999", "-1.000"] {
            let e = refused(text, Auto);
            assert_eq!(e.code, "ambiguous-number", "{text}");
        }
        let e = refused("2.500", Auto);
        assert_eq!(e.column, 2);
        assert!(
            e.message.contains("it is 2500") && e.message.contains("it is 2.5"),
            "{}",
            e.message
        );
    }

    #[test]
    fn malformed_numbers_are_refused_at_the_place_of_the_problem() {
        for (text, column) in [
            ("2.50.00", 3),
            ("2.500,50,1", 9),
            ("2,500.50.1", 9),
            ("12a", 3),
            ("1..5", 3),
            ("1.2,3", 3),
            ("1 23", 3),
            ("1234.567.890", 1),
            ("", 1),
            ("-", 1),
            ("1e", 2),
            ("1e400", 1),
            ("€ 5", 1),
            ("NaN", 1),
            ("inf", 1),
        ] {
            let e = refused(text, Dutch);
            assert_eq!(e.code, "invalid-number", "{text}");
            assert_eq!(e.column, column, "{text}: {}", e.message);
        }
    }

    #[test]
    fn formatted_numbers_read_back() {
        for x in [
            2500.5,
            -0.25,
            1e6,
            3.0,
            1234567.891,
            1.001,
            -999.125,
            1e-9,
            1.5e300,
        ] {
            for written in [Auto, Dutch, English] {
                for read in [Auto, Dutch, English] {
                    assert_eq!(ok(&written.format(x), read), x, "{x} {written:?} {read:?}");
                }
            }
        }
    }
}
