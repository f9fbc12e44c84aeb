//! Rating bands and the scoring settings that refer to them.

use crate::compiled::{Band, Scoring};
use crate::load::DocPath;
use crate::model::ruleset::RulesetDoc;
use crate::numfmt::num;
use crate::suggest::help_valid;
use crate::vocab::RESERVED_RATINGS;

use super::validator::Validator;

/// Checks the rating bands and the scoring settings; returns the bands from the highest `min`
/// down, and the settings resolved against them.
pub(super) fn ratings(v: &mut Validator<'_>, doc: &RulesetDoc) -> (Vec<Band>, Scoring) {
    let rating_index = v.index_ids("rating", doc.rating.iter().map(|r| r.id.as_str()), false);
    let mut bands: Vec<Band> = Vec::new();
    for (i, r) in doc.rating.iter().enumerate() {
        let p = DocPath::elem("rating", i);
        if RESERVED_RATINGS.contains(&r.id.as_str()) {
            v.push(
                "invalid-rating",
                &p.clone().key("id"),
                Some(&r.id),
                format!("`{}` is a rating the engine gives itself", r.id),
                Some("choose another id".into()),
            );
        }
        if !(0.0..=100.0).contains(&r.min) {
            v.push(
                "invalid-rating",
                &p.clone().key("min"),
                Some(&r.id),
                format!("min = {} is outside 0–100", num(r.min)),
                Some("a band's min is a percent from 0 to 100".into()),
            );
        } else if bands.iter().any(|b| b.min == r.min) {
            v.push(
                "invalid-rating",
                &p.clone().key("min"),
                Some(&r.id),
                format!("another band also starts at {}", num(r.min)),
                Some("give each band its own min".into()),
            );
        } else {
            bands.push(Band { doc: i, min: r.min });
        }
        v.text(&r.label, p.clone().key("label"), Some(&r.id), "label", true);
        v.text(
            &r.description,
            p.key("description"),
            Some(&r.id),
            "description",
            false,
        );
    }
    crate::order::sort_by(&mut bands, |a, b| a.min > b.min);
    if doc.ruleset.is_some() && !bands.iter().any(|b| b.min == 0.0) {
        v.push(
            "invalid-rating",
            &DocPath::single("ruleset"),
            None,
            "no rating band starts at 0, so low percentages would have no rating",
            Some("add a [[rating]] with min = 0".into()),
        );
    }

    let settings = doc.scoring.clone().unwrap_or_default();
    let sp = DocPath::single("scoring");
    if !(0.0..=100.0).contains(&settings.min_completeness) {
        v.push(
            "invalid-scoring",
            &sp.clone().key("min_completeness"),
            None,
            format!(
                "min_completeness = {} is outside 0–100",
                num(settings.min_completeness)
            ),
            Some("give a percent from 0 to 100".into()),
        );
    }
    if !(settings.critical_fail_below > 0.0 && settings.critical_fail_below <= 1.0) {
        v.push(
            "invalid-scoring",
            &sp.clone().key("critical_fail_below"),
            None,
            format!(
                "critical_fail_below = {} is outside (0, 1]",
                num(settings.critical_fail_below)
            ),
            Some("give a fraction above 0 and at most 1, e.g. 0.5".into()),
        );
    }
    let critical_cap = match &settings.critical_cap {
        None => None,
        Some(cap) => match rating_index.get(cap) {
            Some(&d) => bands.iter().position(|b| b.doc == d),
            None => {
                let help = help_valid(cap, "rating ids", doc.rating.iter().map(|r| r.id.as_str()));
                v.push(
                    "invalid-scoring",
                    &sp.key("critical_cap"),
                    None,
                    format!("critical_cap names an unknown rating `{cap}`"),
                    Some(help),
                );
                None
            }
        },
    };
    let scoring = Scoring {
        min_completeness: settings.min_completeness,
        critical_fail_below: settings.critical_fail_below,
        critical_cap,
    };
    (bands, scoring)
}
