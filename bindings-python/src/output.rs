//! Results to Python objects.
//!
//! A result (an assessment, the questions, a schema, an error's issues) is first serialized into
//! an [`Out`] by [`Ser`], a serde `Serializer` that needs no GIL — so worker threads can do it —
//! and then turned into Python dicts, lists, strings and numbers by [`ToPy`], with the GIL. An
//! [`Out`] is flat: one list of operations and one text buffer per result, so that making and
//! freeing it costs two allocations, not one per value.
//!
//! Assessments repeat the ruleset's texts (ids, titles, advice, questions) over and over. Those
//! strings are made into Python `str` objects once per ruleset ([`Strings`]) and shared: the
//! serializer recognises a string of the ruleset by its address, which is stable and unique for
//! as long as the ruleset lives, because the ruleset is immutable and owns its strings.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::ser::{self, Serialize};

/// A fast hasher (the FxHash mix) for addresses and short keys; the inputs are the program's own
/// strings, not attacker-chosen, so no SipHash is needed.
#[derive(Default)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

type Fast = BuildHasherDefault<FastHasher>;

type AddrMap<V> = HashMap<(usize, usize), V, Fast>;

fn addr(s: &str) -> (usize, usize) {
    (s.as_ptr() as usize, s.len())
}

/// Strings shorter than this are also looked up by their text.
const SHORT: usize = 64;

/// The strings of one ruleset as Python objects: its texts (found by address), and the short
/// strings and dict keys its results use (found by text).
pub(crate) struct Strings {
    by_addr: AddrMap<u32>,
    /// Field and variant names by address: a small table, looked up most often.
    names: AddrMap<u32>,
    by_text: HashMap<Box<str>, u32, Fast>,
    objects: Vec<Py<PyString>>,
}

impl Strings {
    /// No shared strings (for values that are not the ruleset's).
    pub(crate) fn empty() -> Strings {
        Strings {
            by_addr: AddrMap::default(),
            names: AddrMap::default(),
            by_text: HashMap::default(),
            objects: Vec::new(),
        }
    }

    /// Collects every string that `values` (parts of the ruleset, borrowed from it) hold, and
    /// `keys` (the dict keys and short values results are expected to use). `values` must be
    /// owned by the ruleset the strings are used with, and live as long.
    pub(crate) fn collect<T: Serialize + ?Sized>(
        py: Python<'_>,
        values: &[&T],
        keys: impl IntoIterator<Item = String>,
    ) -> Strings {
        let found = RefCell::new(Collected::default());
        let empty = Strings::empty();
        for v in values {
            // The collecting pass cannot fail; a failure would only mean fewer shared strings.
            let mut out = Out::default();
            let _ = v.serialize(Ser {
                strings: &empty,
                out: &mut out,
                collect: Some(&found),
            });
        }
        let found = found.into_inner();
        let mut strings = Strings::empty();
        for (key, text) in found.texts {
            let i = strings.intern(py, text);
            strings.by_addr.insert(key, i);
        }
        for text in keys {
            strings.intern(py, text);
        }
        strings
    }

    fn intern(&mut self, py: Python<'_>, text: String) -> u32 {
        if let Some(i) = self.by_text.get(text.as_str()) {
            return *i;
        }
        let i = u32::try_from(self.objects.len()).unwrap_or(u32::MAX);
        self.objects.push(PyString::new(py, &text).unbind());
        if text.len() <= SHORT {
            self.by_text.insert(text.into_boxed_str(), i);
        }
        i
    }

    /// Learns where the field and variant names that `sample` uses live, so that they are
    /// found by address (fast) rather than by text. Names `sample` does not use are still
    /// found by text.
    pub(crate) fn learn_names<T: Serialize + ?Sized>(&mut self, sample: &T) {
        let found = RefCell::new(Collected::default());
        let mut out = Out::default();
        // Cannot fail for the core's types; a failure would only mean fewer names learned.
        let _ = sample.serialize(Ser {
            strings: self,
            out: &mut out,
            collect: Some(&found),
        });
        for name in found.into_inner().statics {
            if let Some(i) = self.key(name) {
                self.names.insert(addr(name), i);
            }
        }
    }

    /// A field or variant name: by address when learned, else by text.
    fn name(&self, s: &'static str) -> Option<u32> {
        match self.names.get(&addr(s)) {
            Some(i) => Some(*i),
            None => self.key(s),
        }
    }

    /// A string of the ruleset (by address), or a known short string (by text).
    fn get(&self, s: &str) -> Option<u32> {
        if let Some(i) = self.by_addr.get(&addr(s)) {
            return Some(*i);
        }
        self.key(s)
    }

    /// A known short string, by text.
    fn key(&self, s: &str) -> Option<u32> {
        if s.len() > SHORT {
            return None;
        }
        self.by_text.get(s).copied()
    }
}

#[derive(Default)]
struct Collected {
    seen: AddrMap<()>,
    texts: Vec<((usize, usize), String)>,
    /// Struct field and variant names (`&'static str`).
    statics: Vec<&'static str>,
}

impl Collected {
    fn add(&mut self, s: &str) {
        if self.seen.insert(addr(s), ()).is_none() {
            self.texts.push((addr(s), s.to_string()));
        }
    }
}

/// One step of building a Python value. Values are written in pre-order: a container's
/// operation, then its items (for a dict: a key, then its value), then [`Op::End`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Op {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    /// A string from the result's text buffer: start and length in bytes.
    Str(u32, u32),
    /// A string of the ruleset, by its index in [`Strings`].
    Shared(u32),
    /// The next dict key: a string of the ruleset.
    KeyShared(u32),
    /// The next dict key: from the text buffer.
    KeyStr(u32, u32),
    /// A list begins.
    List,
    /// A dict begins; its shape (a hash of its keys, when they are all shared strings; else 0)
    /// lets [`ToPy`] start from a copy of a dict with the same keys.
    Dict(u64),
    /// The innermost list or dict ends.
    End,
}

/// A result ready to become a Python object.
#[derive(Debug, Default)]
pub(crate) struct Out {
    ops: Vec<Op>,
    text: String,
}

impl Out {
    /// A key: a shared string, or text copied into the buffer.
    fn key(&mut self, strings: &Strings, s: &str) -> Result<Op, SerError> {
        Ok(match strings.key(s) {
            Some(i) => Op::KeyShared(i),
            None => {
                let (start, len) = self.text(s)?;
                Op::KeyStr(start, len)
            }
        })
    }

    fn text(&mut self, s: &str) -> Result<(u32, u32), SerError> {
        let start =
            u32::try_from(self.text.len()).map_err(|_| SerError("result too large".into()))?;
        let len = u32::try_from(s.len()).map_err(|_| SerError("result too large".into()))?;
        self.text.push_str(s);
        Ok((start, len))
    }

    fn get(&self, start: u32, len: u32) -> &str {
        let start = start as usize;
        self.text.get(start..start + len as usize).unwrap_or("")
    }
}

/// Serializes any value into an [`Out`], sharing the ruleset's strings.
pub(crate) struct Ser<'a> {
    strings: &'a Strings,
    out: &'a mut Out,
    collect: Option<&'a RefCell<Collected>>,
}

impl Ser<'_> {
    fn value(self, op: Op) -> Result<(), SerError> {
        self.out.ops.push(op);
        Ok(())
    }

    fn string(self, s: &str) -> Result<(), SerError> {
        if let Some(c) = self.collect {
            c.borrow_mut().add(s);
        }
        let op = match self.strings.get(s) {
            Some(i) => Op::Shared(i),
            None => {
                let (start, len) = self.out.text(s)?;
                Op::Str(start, len)
            }
        };
        self.value(op)
    }

    fn reborrow(&mut self) -> Ser<'_> {
        Ser {
            strings: self.strings,
            out: &mut *self.out,
            collect: self.collect,
        }
    }
}

/// The error of [`Ser`] (serializing the core's types cannot fail; this is for completeness).
#[derive(Debug)]
pub(crate) struct SerError(String);

impl std::fmt::Display for SerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        SerError(msg.to_string())
    }
}

/// Serializes a value into an [`Out`].
pub(crate) fn to_out<T: Serialize + ?Sized>(strings: &Strings, value: &T) -> Result<Out, SerError> {
    to_out_sized(strings, value, 256)
}

/// Serializes a value into an [`Out`] expected to need about `ops` operations.
pub(crate) fn to_out_sized<T: Serialize + ?Sized>(
    strings: &Strings,
    value: &T,
    ops: usize,
) -> Result<Out, SerError> {
    let mut out = Out {
        ops: Vec::with_capacity(ops),
        text: String::new(),
    };
    value.serialize(Ser {
        strings,
        out: &mut out,
        collect: None,
    })?;
    Ok(out)
}

impl<'a> ser::Serializer for Ser<'a> {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = SeqSer<'a>;
    type SerializeTuple = SeqSer<'a>;
    type SerializeTupleStruct = SeqSer<'a>;
    type SerializeTupleVariant = SeqSer<'a>;
    type SerializeMap = MapSer<'a>;
    type SerializeStruct = MapSer<'a>;
    type SerializeStructVariant = MapSer<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), SerError> {
        self.value(Op::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), SerError> {
        self.value(Op::I64(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<(), SerError> {
        self.value(Op::I64(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<(), SerError> {
        self.value(Op::I64(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<(), SerError> {
        self.value(Op::I64(v))
    }
    fn serialize_i128(self, v: i128) -> Result<(), SerError> {
        let op = match i64::try_from(v) {
            Ok(v) => Op::I64(v),
            Err(_) => {
                Op::U64(u64::try_from(v).map_err(|_| SerError("integer out of range".into()))?)
            }
        };
        self.value(op)
    }
    fn serialize_u8(self, v: u8) -> Result<(), SerError> {
        self.value(Op::I64(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<(), SerError> {
        self.value(Op::I64(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<(), SerError> {
        self.value(Op::I64(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<(), SerError> {
        self.value(i64::try_from(v).map_or(Op::U64(v), Op::I64))
    }
    fn serialize_u128(self, v: u128) -> Result<(), SerError> {
        let v = u64::try_from(v).map_err(|_| SerError("integer out of range".into()))?;
        self.serialize_u64(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), SerError> {
        self.value(Op::F64(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<(), SerError> {
        self.value(Op::F64(v))
    }
    fn serialize_char(self, v: char) -> Result<(), SerError> {
        self.string(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), SerError> {
        self.string(v)
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Result<(), SerError> {
        self.reborrow().value(Op::List)?;
        for b in v {
            self.reborrow().value(Op::I64((*b).into()))?;
        }
        self.value(Op::End)
    }
    fn serialize_none(self) -> Result<(), SerError> {
        self.value(Op::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), SerError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), SerError> {
        self.value(Op::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), SerError> {
        self.value(Op::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), SerError> {
        if let Some(c) = self.collect {
            c.borrow_mut().statics.push(variant);
        }
        match self.strings.name(variant) {
            Some(i) => self.value(Op::Shared(i)),
            None => self.string(variant),
        }
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        let mut map = MapSer::begin(self);
        map.field(variant, value)?;
        map.finish()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<SeqSer<'a>, SerError> {
        SeqSer::begin(self, None)
    }
    fn serialize_tuple(self, _: usize) -> Result<SeqSer<'a>, SerError> {
        SeqSer::begin(self, None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<SeqSer<'a>, SerError> {
        SeqSer::begin(self, None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<SeqSer<'a>, SerError> {
        SeqSer::begin(self, Some(variant))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapSer<'a>, SerError> {
        Ok(MapSer::begin(self))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<MapSer<'a>, SerError> {
        Ok(MapSer::begin(self))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<MapSer<'a>, SerError> {
        // `{variant: {fields}}`: an outer dict with one key, then the inner dict.
        self.out.ops.push(Op::Dict(0));
        let key = self.out.key(self.strings, variant)?;
        self.out.ops.push(key);
        let mut inner = MapSer::begin(self);
        inner.wrapped = true;
        Ok(inner)
    }
}

/// A list being serialized (a tuple variant is `{variant: [items]}`).
pub(crate) struct SeqSer<'a> {
    ser: Ser<'a>,
    wrapped: bool,
}

impl<'a> SeqSer<'a> {
    fn begin(ser: Ser<'a>, variant: Option<&'static str>) -> Result<Self, SerError> {
        if let Some(variant) = variant {
            ser.out.ops.push(Op::Dict(0));
            let key = ser.out.key(ser.strings, variant)?;
            ser.out.ops.push(key);
        }
        ser.out.ops.push(Op::List);
        Ok(SeqSer {
            ser,
            wrapped: variant.is_some(),
        })
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        value.serialize(self.ser.reborrow())
    }

    fn finish(self) -> Result<(), SerError> {
        self.ser.out.ops.push(Op::End);
        if self.wrapped {
            self.ser.out.ops.push(Op::End);
        }
        Ok(())
    }
}

/// The serde traits of a sequence, all pushing items the same way.
macro_rules! seq_traits {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for SeqSer<'_> {
            type Ok = ();
            type Error = SerError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
                self.push(value)
            }
            fn end(self) -> Result<(), SerError> {
                self.finish()
            }
        }
    )*};
}

seq_traits!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A dict being serialized. Its shape is the hash of its keys while they are all shared
/// strings.
pub(crate) struct MapSer<'a> {
    ser: Ser<'a>,
    /// Index of its [`Op::Dict`].
    start: usize,
    shape: FastHasher,
    shared: bool,
    count: usize,
    /// A struct variant: one more [`Op::End`] closes the outer dict.
    wrapped: bool,
}

/// Dicts with fewer keys than this are made directly, not from a template.
const MIN_TEMPLATE_KEYS: usize = 4;

impl<'a> MapSer<'a> {
    fn begin(ser: Ser<'a>) -> Self {
        let start = ser.out.ops.len();
        ser.out.ops.push(Op::Dict(0));
        MapSer {
            ser,
            start,
            shape: FastHasher::default(),
            shared: true,
            count: 0,
            wrapped: false,
        }
    }

    fn key_shared(&mut self, i: u32) {
        self.shape.add(u64::from(i));
        self.count += 1;
        self.ser.out.ops.push(Op::KeyShared(i));
    }

    fn key_static(&mut self, key: &'static str) -> Result<(), SerError> {
        if let Some(c) = self.ser.collect {
            c.borrow_mut().statics.push(key);
        }
        match self.ser.strings.name(key) {
            Some(i) => self.key_shared(i),
            None => {
                self.shared = false;
                let (start, len) = self.ser.out.text(key)?;
                self.ser.out.ops.push(Op::KeyStr(start, len));
            }
        }
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        self.key_static(key)?;
        value.serialize(self.ser.reborrow())
    }

    fn finish(self) -> Result<(), SerError> {
        if self.shared && self.count >= MIN_TEMPLATE_KEYS {
            if let Some(op) = self.ser.out.ops.get_mut(self.start) {
                // Never 0, which means "no shape".
                *op = Op::Dict(self.shape.finish() | 1);
            }
        }
        self.ser.out.ops.push(Op::End);
        if self.wrapped {
            self.ser.out.ops.push(Op::End);
        }
        Ok(())
    }
}

fn not_a_string() -> SerError {
    SerError("a map key must be a string".into())
}

/// Captures a map key as an operation.
struct KeySer<'b, 'a> {
    map: &'b mut MapSer<'a>,
}

impl KeySer<'_, '_> {
    fn text(self, s: &str) -> Result<(), SerError> {
        match self.map.ser.strings.get(s) {
            Some(i) => self.map.key_shared(i),
            None => {
                if let Some(c) = self.map.ser.collect {
                    c.borrow_mut().add(s);
                }
                let (start, len) = self.map.ser.out.text(s)?;
                self.map.shared = false;
                self.map.ser.out.ops.push(Op::KeyStr(start, len));
            }
        }
        Ok(())
    }

    fn other(self, s: String) -> Result<(), SerError> {
        self.text(&s)
    }
}

/// Serializer methods that write a scalar map key as its text (as JSON does).
macro_rules! key_as_text {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<(), SerError> {
            self.other(v.to_string())
        }
    )*};
}

impl ser::Serializer for KeySer<'_, '_> {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = ser::Impossible<(), SerError>;
    type SerializeTuple = ser::Impossible<(), SerError>;
    type SerializeTupleStruct = ser::Impossible<(), SerError>;
    type SerializeTupleVariant = ser::Impossible<(), SerError>;
    type SerializeMap = ser::Impossible<(), SerError>;
    type SerializeStruct = ser::Impossible<(), SerError>;
    type SerializeStructVariant = ser::Impossible<(), SerError>;

    fn serialize_str(self, v: &str) -> Result<(), SerError> {
        self.text(v)
    }
    fn serialize_char(self, v: char) -> Result<(), SerError> {
        self.text(v.encode_utf8(&mut [0u8; 4]))
    }
    key_as_text! {
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), SerError> {
        Err(not_a_string())
    }
    fn serialize_none(self) -> Result<(), SerError> {
        Err(not_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), SerError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), SerError> {
        Err(not_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), SerError> {
        Err(not_a_string())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), SerError> {
        self.map.key_static(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), SerError> {
        Err(not_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, SerError> {
        Err(not_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, SerError> {
        Err(not_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, SerError> {
        Err(not_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, SerError> {
        Err(not_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, SerError> {
        Err(not_a_string())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, SerError> {
        Err(not_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, SerError> {
        Err(not_a_string())
    }
}

impl ser::SerializeMap for MapSer<'_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), SerError> {
        key.serialize(KeySer { map: self })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        value.serialize(self.ser.reborrow())
    }
    fn end(self) -> Result<(), SerError> {
        self.finish()
    }
}

/// The serde traits of a struct, all writing fields the same way.
macro_rules! struct_traits {
    ($($trait:ident),*) => {$(
        impl ser::$trait for MapSer<'_> {
            type Ok = ();
            type Error = SerError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), SerError> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), SerError> {
                self.finish()
            }
        }
    )*};
}

struct_traits!(SerializeStruct, SerializeStructVariant);

/// A dict template: the keys of a shape (as shared-string indices) and a dict with those keys,
/// all set to `None`.
struct Template {
    keys: Arc<[u32]>,
    dict: Py<PyDict>,
}

/// A container being filled.
enum Frame<'py> {
    List(Bound<'py, PyList>),
    Dict(DictFrame<'py>),
}

/// A dict key: a shared string (used borrowed) or one made for this result.
enum Key<'py> {
    Shared(u32),
    Made(Bound<'py, PyString>),
}

/// A dict being filled.
struct DictFrame<'py> {
    dict: Bound<'py, PyDict>,
    /// The key of the next value.
    key: Option<Key<'py>>,
    shape: u64,
    /// The template's keys, when the dict started as a copy of one.
    template: Option<Arc<[u32]>>,
    /// How many of the template's keys have been set, in order.
    pos: usize,
    /// The keys set so far, when this dict will become a template.
    record: Option<Vec<u32>>,
}

/// Turns [`Out`]s into Python objects. Keeps the dict templates it made for the next result.
pub(crate) struct ToPy {
    templates: HashMap<u64, Template, Fast>,
}

/// Most dict templates kept.
const MAX_TEMPLATES: usize = 256;

fn internal(msg: &str) -> PyErr {
    pyo3::exceptions::PyRuntimeError::new_err(format!("sociale_bril: malformed result ({msg})"))
}

impl ToPy {
    pub(crate) fn new() -> Self {
        ToPy {
            templates: HashMap::default(),
        }
    }

    /// Makes the Python object of a result.
    pub(crate) fn convert<'py>(
        &mut self,
        py: Python<'py>,
        strings: &Strings,
        out: Out,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut stack: Vec<Frame<'py>> = Vec::with_capacity(8);
        for op in &out.ops {
            // A shared string is used as it is, borrowed; anything else is made here.
            let made: Bound<'py, PyAny>;
            let value: &Bound<'py, PyAny> = match *op {
                Op::Shared(i) => shared_ref(py, strings, i)?.as_any(),
                Op::KeyShared(i) => {
                    self.set_key(py, strings, &mut stack, Key::Shared(i))?;
                    continue;
                }
                Op::KeyStr(start, len) => {
                    let k = PyString::new(py, out.get(start, len));
                    self.set_key(py, strings, &mut stack, Key::Made(k))?;
                    continue;
                }
                Op::List => {
                    stack.push(Frame::List(PyList::empty(py)));
                    continue;
                }
                Op::Dict(shape) => {
                    let (dict, template, record) = match self.templates.get(&shape) {
                        Some(t) if shape != 0 => {
                            (t.dict.bind(py).copy()?, Some(Arc::clone(&t.keys)), None)
                        }
                        _ if shape != 0 && self.templates.len() < MAX_TEMPLATES => {
                            (PyDict::new(py), None, Some(Vec::with_capacity(16)))
                        }
                        _ => (PyDict::new(py), None, None),
                    };
                    stack.push(Frame::Dict(DictFrame {
                        dict,
                        key: None,
                        shape,
                        template,
                        pos: 0,
                        record,
                    }));
                    continue;
                }
                Op::End => {
                    made = match stack.pop() {
                        Some(Frame::List(list)) => list.into_any(),
                        Some(Frame::Dict(frame)) => self.end_dict(py, strings, frame)?.into_any(),
                        None => return Err(internal("unbalanced end")),
                    };
                    &made
                }
                Op::Null => {
                    made = py.None().into_bound(py);
                    &made
                }
                Op::Bool(b) => {
                    made = pyo3::types::PyBool::new(py, b).to_owned().into_any();
                    &made
                }
                Op::I64(i) => {
                    made = i.into_pyobject(py)?.into_any();
                    &made
                }
                Op::U64(u) => {
                    made = u.into_pyobject(py)?.into_any();
                    &made
                }
                Op::F64(f) => {
                    made = f.into_pyobject(py)?.into_any();
                    &made
                }
                Op::Str(start, len) => {
                    made = PyString::new(py, out.get(start, len)).into_any();
                    &made
                }
            };
            match stack.last_mut() {
                None => return Ok(value.clone()),
                Some(Frame::List(list)) => list.append(value)?,
                Some(Frame::Dict(DictFrame { dict, key, .. })) => match key.take() {
                    Some(Key::Shared(i)) => dict.set_item(shared_ref(py, strings, i)?, value)?,
                    Some(Key::Made(k)) => dict.set_item(k, value)?,
                    None => return Err(internal("a value without a key")),
                },
            }
        }
        Err(internal("no value"))
    }

    /// Records the key of the next value of the innermost dict.
    fn set_key<'py>(
        &mut self,
        py: Python<'py>,
        strings: &Strings,
        stack: &mut [Frame<'py>],
        k: Key<'py>,
    ) -> PyResult<()> {
        let id = match &k {
            Key::Shared(i) => Some(*i),
            Key::Made(_) => None,
        };
        let Some(Frame::Dict(DictFrame {
            dict,
            key,
            template,
            pos,
            record,
            ..
        })) = stack.last_mut()
        else {
            return Err(internal("a key outside a dict"));
        };
        if let Some(t) = template {
            if id.is_some() && t.get(*pos).copied() == id {
                *pos += 1;
            } else {
                // Not the template's keys after all (never seen, but cheap to get right):
                // keep the values set so far in a plain dict.
                *dict = keep_first(py, strings, dict, t, *pos)?;
                *template = None;
            }
        } else if let Some(r) = record {
            match id {
                Some(id) => r.push(id),
                None => *record = None,
            }
        }
        *key = Some(k);
        Ok(())
    }

    fn end_dict<'py>(
        &mut self,
        py: Python<'py>,
        strings: &Strings,
        frame: DictFrame<'py>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let DictFrame {
            dict,
            shape,
            template,
            pos,
            record,
            ..
        } = frame;
        if let Some(t) = template {
            if pos == t.len() {
                return Ok(dict);
            }
            // Fewer keys than the template: keep only those set.
            return keep_first(py, strings, &dict, &t, pos);
        }
        if let Some(keys) = record {
            if self.templates.len() < MAX_TEMPLATES && !self.templates.contains_key(&shape) {
                let t = PyDict::new(py);
                for i in &keys {
                    t.set_item(shared(py, strings, *i)?, py.None())?;
                }
                self.templates.insert(
                    shape,
                    Template {
                        keys: keys.into(),
                        dict: t.unbind(),
                    },
                );
            }
        }
        Ok(dict)
    }
}

/// A plain dict with the values of the first `n` keys of a template.
fn keep_first<'py>(
    py: Python<'py>,
    strings: &Strings,
    dict: &Bound<'py, PyDict>,
    keys: &[u32],
    n: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let fresh = PyDict::new(py);
    for i in keys.iter().take(n) {
        let k = shared(py, strings, *i)?;
        if let Some(v) = dict.get_item(&k)? {
            fresh.set_item(k, v)?;
        }
    }
    Ok(fresh)
}

fn shared<'py>(py: Python<'py>, strings: &Strings, i: u32) -> PyResult<Bound<'py, PyString>> {
    shared_ref(py, strings, i).cloned()
}

/// A shared string, borrowed (no reference count change).
fn shared_ref<'a, 'py>(
    py: Python<'py>,
    strings: &'a Strings,
    i: u32,
) -> PyResult<&'a Bound<'py, PyString>> {
    strings
        .objects
        .get(i as usize)
        .map(|s| s.bind(py))
        .ok_or_else(|| internal("shared string out of range"))
}
