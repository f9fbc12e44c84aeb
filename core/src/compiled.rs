//! The compiled model: a validated ruleset in the form evaluation works with. Texts stay in the
//! document it was compiled from; compiled parts refer to fields, scales, groups and items by
//! index, in document order.
//!
//! It is built by [`crate::compile`], read by the decoder, the scorer and the outputs, and
//! shared (immutable, behind an `Arc`) by every [`crate::Ruleset`] handle.

use crate::expr::Expr;
use crate::field::Field;
use crate::hash::IdMap;
use crate::model::ruleset::{RulesetDoc, RulesetMeta, Severity};
use crate::scale::Scale;

/// A compiled item.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub theme: usize,
    pub principles: Vec<usize>,
    pub domains: Vec<usize>,
    pub scale: usize,
    pub weight: f64,
    pub critical: bool,
    pub applies_if: Option<Expr>,
}

/// A compiled signal.
#[derive(Clone, Debug)]
pub(crate) struct Signal {
    pub severity: Severity,
    pub when: Expr,
}

/// A rating band, with its index in the document.
#[derive(Clone, Debug)]
pub(crate) struct Band {
    pub doc: usize,
    pub min: f64,
}

/// Scoring settings, resolved.
#[derive(Clone, Debug)]
pub(crate) struct Scoring {
    pub min_completeness: f64,
    pub critical_fail_below: f64,
    /// Index into `bands` of the cap.
    pub critical_cap: Option<usize>,
}

/// Everything a compiled ruleset holds.
#[derive(Debug)]
pub(crate) struct CompiledRuleset {
    pub doc: RulesetDoc,
    pub meta: RulesetMeta,
    pub hash: String,
    pub scoring: Scoring,
    /// Bands from the highest `min` down.
    pub bands: Vec<Band>,
    pub scales: Vec<Scale>,
    pub fields: Vec<Field>,
    pub field_index: IdMap<usize>,
    pub items: Vec<Item>,
    /// Item id → (item index, scale index).
    pub item_index: IdMap<(usize, usize)>,
    pub item_ids: Vec<String>,
    pub signals: Vec<Signal>,
}

impl CompiledRuleset {
    /// The scale of the item with this index.
    pub fn item_scale(&self, item: usize) -> Option<&Scale> {
        self.items
            .get(item)
            .and_then(|it| self.scales.get(it.scale))
    }

    /// The scale of the item with this id.
    pub fn scale_of(&self, item: &str) -> Option<&Scale> {
        self.item_index
            .get(item)
            .and_then(|&(_, s)| self.scales.get(s))
    }

    /// The rating id of a band, by its position in `bands`.
    pub fn band_id(&self, band: usize) -> Option<&str> {
        self.bands
            .get(band)
            .and_then(|b| self.doc.rating.get(b.doc))
            .map(|r| r.id.as_str())
    }
}
