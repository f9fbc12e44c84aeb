//! The documents as they are written: rulesets as authored ([`ruleset`]) and proposals
//! ([`proposal`]). All types serialize with serde and describe themselves as JSON Schema with
//! schemars. (The assessment, which the engine writes, is [`crate::assessment`].)

pub mod proposal;
pub mod ruleset;
