//! The values of a proposal as the decoder reads them: object keys, skipped values, and one
//! visitor ([`ValueSeed`]) for every value that is checked against the ruleset — a scalar,
//! the list of a `choices` context field, or an answer object.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::limits::{MAX_PROPOSAL_DEPTH, MAX_PROPOSAL_ISSUES_COLLECTED, MAX_PROPOSAL_LIST_ITEMS};

/// An object key, borrowed from the input when it can be.
pub(super) struct Key<'de>(pub Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Skips any value inside `.0` containers, refusing nesting deeper than
/// [`MAX_PROPOSAL_DEPTH`].
pub(super) struct Skip(pub usize);

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let depth = self.deeper::<A::Error>()?;
        while seq.next_element_seed(Skip(depth))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let depth = self.deeper::<A::Error>()?;
        while map.next_key_seed(Skip(depth))?.is_some() {
            map.next_value_seed(Skip(depth))?;
        }
        Ok(())
    }
}

impl Skip {
    fn deeper<E: de::Error>(&self) -> Result<usize, E> {
        if self.0 >= MAX_PROPOSAL_DEPTH {
            return Err(E::custom(format!(
                "the document nests deeper than {MAX_PROPOSAL_DEPTH} levels"
            )));
        }
        Ok(self.0 + 1)
    }
}

/// A scalar value, or the name of the kind of a non-scalar one (which is skipped).
pub(super) enum Scalar<'de> {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(Cow<'de, str>),
    Other(&'static str),
}

impl Scalar<'_> {
    /// The kind of value, for messages: `a string`, `a list` …
    pub fn kind(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::Int(_) | Scalar::Float(_) => "a number",
            Scalar::Str(_) => "a string",
            Scalar::Other(k) => k,
        }
    }

    /// The text of an integral number, as a token (`3`); `None` for a fraction and for other
    /// values.
    pub fn number_token(&self) -> Option<String> {
        // Below 10^15 a float holds every integer exactly, and prints without an exponent.
        match self {
            Scalar::Int(i) => Some(i.to_string()),
            Scalar::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                Some(format!("{}", *f as i64))
            }
            _ => None,
        }
    }
}

/// What a value may be besides a scalar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Expect {
    /// A scalar: a list or an object is skipped and named by its kind.
    Scalar,
    /// A scalar or a list of scalars (a context value: `choices` fields take lists).
    ScalarOrList,
    /// A scalar or an answer object `{"answer": …, "note": …}`.
    ScalarOrAnswer,
}

/// A value before it is checked against the ruleset.
pub(super) enum Value<'de> {
    Scalar(Scalar<'de>),
    /// A list, with its first [`MAX_PROPOSAL_LIST_ITEMS`] elements and its length.
    List {
        items: Vec<Scalar<'de>>,
        len: usize,
    },
    /// An answer object (boxed: it is rarer than a scalar, and a small `Value` is cheap to
    /// move).
    Answer(Box<AnswerObject<'de>>),
}

/// An answer object: its `answer` and `note`, and the other keys it has (the first
/// [`MAX_PROPOSAL_ISSUES_COLLECTED`] of them, and how many more).
pub(super) struct AnswerObject<'de> {
    pub answer: Option<Scalar<'de>>,
    pub note: Option<Scalar<'de>>,
    pub unknown_keys: Vec<String>,
    pub more_unknown_keys: usize,
}

/// Reads one value inside `depth` containers, as [`Expect`] allows.
#[derive(Clone, Copy)]
pub(super) struct ValueSeed {
    pub depth: usize,
    pub expect: Expect,
}

impl ValueSeed {
    /// A scalar inside `depth` containers.
    pub fn scalar(depth: usize) -> Self {
        ValueSeed {
            depth,
            expect: Expect::Scalar,
        }
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

fn scalar<'de, E>(s: Scalar<'de>) -> Result<Value<'de>, E> {
    Ok(Value::Scalar(s))
}

impl<'de> Visitor<'de> for ValueSeed {
    type Value = Value<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value<'de>, E> {
        scalar(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
        scalar(Scalar::Int(i128::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
        scalar(Scalar::Int(i128::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
        scalar(Scalar::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
        scalar(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value<'de>, E> {
        scalar(Scalar::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Value<'de>, E> {
        scalar(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Value<'de>, E> {
        scalar(Scalar::Other("bytes"))
    }
    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        scalar(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        scalar(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        if self.expect != Expect::ScalarOrList {
            Skip(self.depth).visit_seq(seq)?;
            return scalar(Scalar::Other("a list"));
        }
        let element = ValueSeed::scalar(self.depth + 1);
        let (mut items, mut len) = (Vec::new(), 0usize);
        while let Some(v) = seq.next_element_seed(element)? {
            len += 1;
            if let (Value::Scalar(s), true) = (v, items.len() < MAX_PROPOSAL_LIST_ITEMS) {
                items.push(s);
            }
        }
        Ok(Value::List { items, len })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        if self.expect != Expect::ScalarOrAnswer {
            Skip(self.depth).visit_map(map)?;
            return scalar(Scalar::Other("an object"));
        }
        let field = ValueSeed::scalar(self.depth + 1);
        let (mut answer, mut note) = (None, None);
        let (mut unknown_keys, mut more_unknown_keys) = (Vec::new(), 0);
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let slot = match key.as_ref() {
                "answer" => &mut answer,
                "note" => &mut note,
                other => {
                    if unknown_keys.len() < MAX_PROPOSAL_ISSUES_COLLECTED {
                        unknown_keys.push(other.to_string());
                    } else {
                        more_unknown_keys += 1;
                    }
                    map.next_value_seed(Skip(self.depth + 1))?;
                    continue;
                }
            };
            if let Value::Scalar(s) = map.next_value_seed(field)? {
                *slot = Some(s);
            }
        }
        Ok(Value::Answer(Box::new(AnswerObject {
            answer,
            note,
            unknown_keys,
            more_unknown_keys,
        })))
    }
}

/// An object of a proposal (the proposal itself, its context, its answers): its entries are
/// read by [`ObjectParts::entries`]; any other value is reported by [`ObjectParts::wrong`] and
/// skipped.
pub(super) trait ObjectParts<'de>: Sized {
    /// What the object is, for messages of the data format.
    const WHAT: &'static str;
    /// How many containers are around the object.
    const DEPTH: usize;
    /// Reads the entries.
    fn entries<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error>;
    /// The value is not an object but `kind` (`a list`, `a string` …).
    fn wrong(self, kind: &str);
    /// The value is `null`.
    fn null(self);
}

/// Reads a value that must be an object ([`ObjectParts`]).
pub(super) struct Object<T>(pub T);

impl<'de, T: ObjectParts<'de>> DeserializeSeed<'de> for Object<T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: ObjectParts<'de>> Visitor<'de> for Object<T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::WHAT)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.0.entries(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        Skip(T::DEPTH).visit_seq(seq)?;
        self.0.wrong("a list");
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.0.wrong("a string");
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.0.wrong("a boolean");
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.0.wrong("a number");
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.0.wrong("a number");
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.0.wrong("a number");
        Ok(())
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<(), E> {
        self.0.wrong("bytes");
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.null();
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        self.0.null();
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}
