//! The data model: rulesets as authored ([`ruleset`]), proposals ([`proposal`]) and
//! assessments ([`assessment`]). All types serialize with serde and describe themselves as JSON
//! Schema with schemars.

pub mod assessment;
pub mod proposal;
pub mod ruleset;
