//! The parts of a proposal that map ids to values — the context (by field id) and the answers
//! (by item id) — read by one loop: each id is looked up once, an id given twice or unknown to
//! the ruleset is a problem at its pointer, and each value is handed to its part to check.

use std::marker::PhantomData;

use serde::de::MapAccess;

use super::decoder::Decoder;
use super::value::{Expect, Key, ObjectParts, Skip, Value, ValueSeed};
use crate::compiled::CompiledRuleset;
use crate::error::{ProposalIssue, pointer_segment};

/// One part of a proposal that maps ids to values.
pub(super) trait Part {
    /// Its key in the proposal: `context` or `answers`.
    const KEY: &'static str;
    /// What it is, for messages of the data format: `the context object`.
    const WHAT: &'static str;
    /// What its values may be.
    const EXPECT: Expect;
    /// How it is written, for the help of a value that is not an object.
    const EXAMPLE: &'static str;
    /// The index of an id in the ruleset.
    fn index(rs: &CompiledRuleset, id: &str) -> Option<usize>;
    /// Whether each index has been read, by index.
    fn seen<'a>(dec: &'a mut Decoder<'_>) -> &'a mut [bool];
    /// The problem of an id given twice.
    fn duplicate(id: &str, pointer: String) -> ProposalIssue;
    /// The problem of an id the ruleset does not have.
    fn unknown(rs: &CompiledRuleset, id: &str, pointer: String) -> ProposalIssue;
    /// Checks the value of an index and keeps it.
    fn set(dec: &mut Decoder<'_>, index: usize, value: Value<'_>);
}

/// The JSON pointer of the value of `id` in part `P`.
pub(super) fn pointer<P: Part>(id: &str) -> String {
    format!("/{}/{}", P::KEY, pointer_segment(id))
}

/// Reads one part of a proposal.
pub(super) struct Entries<'a, 'r, P>(&'a mut Decoder<'r>, PhantomData<P>);

impl<'a, 'r, P> Entries<'a, 'r, P> {
    pub fn new(dec: &'a mut Decoder<'r>) -> Self {
        Entries(dec, PhantomData)
    }
}

impl<'de, P: Part> ObjectParts<'de> for Entries<'_, '_, P> {
    const WHAT: &'static str = P::WHAT;
    const DEPTH: usize = 1;

    fn entries<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let dec = self.0;
        let seed = ValueSeed {
            depth: 2,
            expect: P::EXPECT,
        };
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let Some(i) = P::index(dec.rs, &key) else {
                dec.issue(P::unknown(dec.rs, &key, pointer::<P>(&key)));
                map.next_value_seed(Skip(2))?;
                continue;
            };
            let seen = &mut P::seen(dec)[i];
            if *seen {
                dec.issue(P::duplicate(&key, pointer::<P>(&key)));
                map.next_value_seed(Skip(2))?;
                continue;
            }
            *seen = true;
            let value = map.next_value_seed(seed)?;
            P::set(dec, i, value);
        }
        Ok(())
    }

    fn wrong(self, kind: &str) {
        self.0.issue(
            ProposalIssue::new(
                "proposal-type",
                format!("/{}", P::KEY),
                format!("`{}` must be an object, not {kind}", P::KEY),
            )
            .with_help(P::EXAMPLE),
        );
    }

    /// `null` is an empty part.
    fn null(self) {}
}
