//! The proposal object: its keys, each read by its part.

use serde::de::MapAccess;

use super::answers::Answers;
use super::context::Context;
use super::decoder::Decoder;
use super::part::Entries;
use super::value::{Key, Object, ObjectParts, Skip, Value, ValueSeed};
use crate::error::{ProposalIssue, pointer_segment};
use crate::suggest::help_valid;
use crate::vocab::PROPOSAL_KEYS;

/// The proposal object.
pub(super) struct Top<'a, 'r>(pub &'a mut Decoder<'r>);

impl<'de> ObjectParts<'de> for Top<'_, '_> {
    const WHAT: &'static str = "a proposal object";
    const DEPTH: usize = 0;

    fn wrong(self, kind: &str) {
        self.0.issue(
            ProposalIssue::new(
                "proposal-type",
                "",
                format!("a proposal must be an object, not {kind}"),
            )
            .with_help(
                "write {\"title\": \"…\", \"context\": {…}, \"answers\": {\"item.id\": \"yes\", …}}",
            ),
        );
    }

    fn null(self) {
        self.wrong("null");
    }

    fn entries<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let dec = self.0;
        let mut seen = [false; PROPOSAL_KEYS.len()];
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if let Some(p) = PROPOSAL_KEYS.iter().position(|k| *k == key) {
                if seen[p] {
                    dec.issue(
                        ProposalIssue::new(
                            "duplicate-key",
                            format!("/{}", pointer_segment(&key)),
                            format!("`{key}` is given twice"),
                        )
                        .with_help("give each key once"),
                    );
                    map.next_value_seed(Skip(1))?;
                    continue;
                }
                seen[p] = true;
            }
            match key.as_ref() {
                "context" => map.next_value_seed(Object(Entries::<Context>::new(&mut *dec)))?,
                "answers" => map.next_value_seed(Object(Entries::<Answers>::new(&mut *dec)))?,
                "title" | "id" => {
                    let Value::Scalar(value) = map.next_value_seed(ValueSeed::scalar(1))? else {
                        continue;
                    };
                    if key == "title" {
                        dec.title(value);
                    } else {
                        dec.id(value);
                    }
                }
                "$schema" => map.next_value_seed(Skip(1))?,
                other => {
                    let help = help_valid(other, "keys", PROPOSAL_KEYS.iter().copied());
                    dec.issue(
                        ProposalIssue::new(
                            "unknown-key",
                            format!("/{}", pointer_segment(other)),
                            format!("unknown key `{other}`"),
                        )
                        .with_help(help),
                    );
                    map.next_value_seed(Skip(1))?;
                }
            }
        }
        Ok(())
    }
}
