//! "Did you mean …?" for misspelt ids.

use crate::limits::MAX_LISTED_CHOICES;

/// The candidate closest to `name`, when one is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (distance(name, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// A help text: "did you mean `x`?" when one is close, followed by the valid values.
pub(crate) fn help_valid<'a>(
    name: &str,
    what: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let all: Vec<&str> = candidates.clone().into_iter().collect();
    let list = if all.is_empty() {
        "none are declared".to_string()
    } else if all.len() > MAX_LISTED_CHOICES {
        format!(
            "{} … ({} in all)",
            all[..MAX_LISTED_CHOICES].join(", "),
            all.len()
        )
    } else {
        all.join(", ")
    };
    match closest(name, candidates) {
        Some(best) => format!("did you mean `{best}`? valid {what}: {list}"),
        None => format!("valid {what}: {list}"),
    }
}

/// A value of a small closed set (output formats, schema kinds) by its name; `Err` names the
/// valid ones: "unknown {what} `x`; valid: a, b, c".
pub(crate) fn by_name<T: Copy>(
    all: &[(T, &'static str)],
    name: &str,
    what: &str,
) -> Result<T, String> {
    all.iter()
        .find(|(_, n)| *n == name)
        .map(|(v, _)| *v)
        .ok_or_else(|| {
            let valid: Vec<&str> = all.iter().map(|(_, n)| *n).collect();
            format!("unknown {what} `{name}`; valid: {}", valid.join(", "))
        })
}

/// The name of a value of a small closed set.
pub(crate) fn name_of<T: Copy + PartialEq>(all: &[(T, &'static str)], value: T) -> &'static str {
    all.iter().find(|(v, _)| *v == value).map_or("", |(_, n)| n)
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_but_not_strangers() {
        let ids = ["inclusie", "gemeenschapskracht", "sociaal-dna"];
        assert_eq!(closest("inclusei", ids), Some("inclusie"));
        assert_eq!(closest("weather", ids), None);
    }
}
