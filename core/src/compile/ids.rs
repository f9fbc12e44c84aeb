//! What a valid id and a valid version are.

use crate::limits::{MAX_ID_BYTES, MAX_ITEM_ID_BYTES};

/// Lowercase letters, digits, `-` and `_`, starting with a letter, not ending with `-` or `_`.
pub(super) fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && id.len() <= MAX_ID_BYTES
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !id.ends_with(['-', '_'])
}

/// Valid ids joined by dots: `inclusie.doenvermogen`.
pub(super) fn valid_item_id(id: &str) -> bool {
    id.len() <= MAX_ITEM_ID_BYTES && id.split('.').all(valid_id)
}

/// `MAJOR.MINOR.PATCH` with optional `-pre` and `+build` parts.
pub(super) fn valid_semver(v: &str) -> bool {
    let (core, _build) = v.split_once('+').unwrap_or((v, ""));
    let (core, pre) = core
        .split_once('-')
        .map_or((core, None), |(c, p)| (c, Some(p)));
    let nums: Vec<&str> = core.split('.').collect();
    nums.len() == 3
        && nums.iter().all(|n| {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
                && (n.len() == 1 || !n.starts_with('0'))
        })
        && pre.is_none_or(|p| {
            !p.is_empty()
                && p.split('.').all(|s| {
                    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver() {
        for ok in ["1.0.0", "0.12.3", "2.0.0-rc.1", "1.0.0+build.5"] {
            assert!(valid_semver(ok), "{ok}");
        }
        for bad in ["1.0", "01.0.0", "1.0.0-", "v1.0.0", "1.0.x"] {
            assert!(!valid_semver(bad), "{bad}");
        }
    }

    #[test]
    fn ids() {
        assert!(valid_item_id("inclusie.doenvermogen"));
        assert!(valid_item_id("sociale-fysieke-leefomgeving.nabijheid_zorg"));
        assert!(!valid_item_id("Inclusie.x"));
        assert!(!valid_item_id("inclusie..x"));
        assert!(!valid_id("a b"));
    }
}
