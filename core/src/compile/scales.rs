//! Answer scales: tokens, aliases, fractions and labels.

use crate::hash::IdMap;
use crate::limits::{MAX_SCALE_OPTIONS, MAX_TOKEN_BYTES};
use crate::load::DocPath;
use crate::model::ruleset::RulesetDoc;
use crate::numfmt::num;
use crate::scale::{Scale, ScaleOption, special_token};
use crate::vocab::{NOT_APPLICABLE, UNANSWERED, UNKNOWN, same_token};

use super::validator::Validator;

/// Checks and compiles the scales; returns them with their index by id.
pub(super) fn scales(v: &mut Validator<'_>, doc: &RulesetDoc) -> (Vec<Scale>, IdMap<usize>) {
    let scale_index = v.index_ids("scale", doc.scale.iter().map(|s| s.id.as_str()), false);
    let mut scales = Vec::new();
    for (i, s) in doc.scale.iter().enumerate() {
        let p = DocPath::elem("scale", i);
        v.text(&s.label, p.clone().key("label"), Some(&s.id), "label", true);
        if s.options.is_empty() || s.options.len() > MAX_SCALE_OPTIONS {
            v.push(
                "invalid-scale",
                &p.clone().key("options"),
                Some(&s.id),
                format!("the scale has {} options", s.options.len()),
                Some(format!("give 1 to {MAX_SCALE_OPTIONS} options; unknown and not_applicable are added by the engine")),
            );
        }
        let mut spellings: Vec<(String, usize)> = Vec::new();
        let mut options = Vec::new();
        for (j, o) in s.options.iter().enumerate() {
            let op = p.clone().key("options").at(j);
            let token_ok = !o.token.is_empty()
                && o.token.len() <= MAX_TOKEN_BYTES
                && o.token
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !token_ok {
                v.push(
                    "invalid-scale",
                    &op.clone().key("token"),
                    Some(&s.id),
                    format!("`{}` is not a valid token", o.token),
                    Some("tokens are lowercase English words, digits and `_`, e.g. `strongly_positive`".into()),
                );
            }
            for special in [UNKNOWN, NOT_APPLICABLE, UNANSWERED] {
                if o.token == special || o.aliases.iter().any(|a| same_token(a, special)) {
                    v.push(
                        "invalid-scale",
                        &op.clone().key("token"),
                        Some(&s.id),
                        format!("`{special}` is given to every scale by the engine"),
                        Some("leave it out of the options".into()),
                    );
                }
            }
            for spelling in std::iter::once(&o.token).chain(o.aliases.iter()) {
                let clash = spellings
                    .iter()
                    .find(|(other, _)| same_token(spelling, other))
                    .map(|(_, k)| *k)
                    .or_else(|| special_token(spelling, true).map(|_| usize::MAX));
                if let Some(k) = clash {
                    let with = if k == usize::MAX {
                        "a special token (unknown / not_applicable)".to_string()
                    } else {
                        format!("option `{}`", s.options[k].token)
                    };
                    v.push(
                        "invalid-scale",
                        &op.clone(),
                        Some(&s.id),
                        format!("the spelling `{spelling}` is also used by {with}"),
                        Some("every token and alias of a scale must be different".into()),
                    );
                }
                spellings.push((spelling.clone(), j));
            }
            if !(0.0..=1.0).contains(&o.fraction) {
                v.push(
                    "invalid-scale",
                    &op.clone().key("fraction"),
                    Some(&s.id),
                    format!("fraction = {} is outside 0–1", num(o.fraction)),
                    Some("a fraction is the share of the item's weight the answer earns, from 0 to 1".into()),
                );
            }
            v.text(&o.label, op.key("label"), Some(&s.id), "label", true);
            options.push(ScaleOption {
                token: o.token.clone(),
                fraction: o.fraction,
                aliases: o.aliases.clone(),
                label: o.label.clone(),
            });
        }
        let best = options
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.fraction.total_cmp(&b.1.fraction).then(b.0.cmp(&a.0)))
            .map_or(0, |(k, _)| k);
        if !options.is_empty() && options.get(best).is_some_and(|o| o.fraction != 1.0) {
            v.push(
                "invalid-scale",
                &p.clone().key("options"),
                Some(&s.id),
                "no option has fraction 1, so no answer reaches the item's full weight",
                Some("give the best option fraction = 1".into()),
            );
        }
        scales.push(Scale {
            id: s.id.clone(),
            options,
            best,
        });
    }
    (scales, scale_index)
}
