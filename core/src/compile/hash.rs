//! The content hash of a ruleset: SHA-256 of its canonical JSON form, so equal hashes mean
//! equal rules whatever the files' formatting.

use sha2::{Digest, Sha256};

use crate::model::ruleset::RulesetDoc;

/// `sha256:` and the hex digest of the canonical JSON form (without `$schema`).
pub(super) fn content_hash(doc: &RulesetDoc) -> String {
    let mut doc = doc.clone();
    doc.schema = None;
    let canonical = crate::canonical::to_canonical_json(&doc).unwrap_or_default();
    let digest = Sha256::digest(canonical.as_bytes());
    let mut hex = String::with_capacity(71);
    hex.push_str("sha256:");
    for b in digest.iter() {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}
