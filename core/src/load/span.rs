//! Where a value is in a TOML file: its byte offset, found by parsing the file again (only when
//! a problem is reported).

use toml::de::{DeTable, DeValue};

use super::path::{DocPath, Seg};

/// The byte offset in a TOML text of the deepest value along `path` (re-parsed: this runs only
/// when reporting an error).
pub(crate) fn span_of(
    text: &str,
    path: &DocPath,
    local: Option<usize>,
    expr_offset: Option<usize>,
) -> Option<usize> {
    let root = DeTable::parse(text).ok()?;
    let (key, section) = root.get_ref().get_key_value(path.section)?;
    let mut best = key.span().start;
    let mut cur: &toml::Spanned<DeValue<'_>> = section;
    if let Some(l) = local {
        match cur.get_ref() {
            DeValue::Array(a) => {
                cur = a.get(l)?;
                best = cur.span().start;
            }
            _ => return Some(best),
        }
    }
    let mut complete = true;
    for seg in &path.keys {
        let next = match (seg, cur.get_ref()) {
            (Seg::Key(k), DeValue::Table(t)) => t.get_key_value(*k).map(|(key, v)| {
                // A dotted or inline key has its own span; point at the value when it is a leaf.
                if matches!(v.get_ref(), DeValue::Table(_)) {
                    best = key.span().start;
                }
                v
            }),
            (Seg::Index(i), DeValue::Array(a)) => a.get(*i),
            _ => None,
        };
        match next {
            Some(v) => {
                cur = v;
                if !matches!(v.get_ref(), DeValue::Table(_)) {
                    best = v.span().start;
                }
            }
            None => {
                complete = false;
                break;
            }
        }
    }
    if complete {
        if let (Some(off), DeValue::String(value)) = (expr_offset, cur.get_ref()) {
            return Some(string_offset(text, cur.span(), value, off).unwrap_or(best));
        }
    }
    Some(best)
}

/// Maps a byte offset inside a string's value to an offset in the file, when the string's
/// source has no escapes before that point.
fn string_offset(
    text: &str,
    span: std::ops::Range<usize>,
    value: &str,
    off: usize,
) -> Option<usize> {
    let raw = text.get(span.clone())?;
    let (mut base, quote) = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
        (span.start + 3, &raw[..3])
    } else if raw.starts_with('\'') || raw.starts_with('"') {
        (span.start + 1, &raw[..1])
    } else {
        return None;
    };
    if quote.len() == 3 {
        if text[base..].starts_with("\r\n") {
            base += 2;
        } else if text[base..].starts_with('\n') {
            base += 1;
        }
    }
    let prefix = value.get(..off)?;
    let source = text.get(base..base + off)?;
    (source == prefix).then_some(base + off)
}
