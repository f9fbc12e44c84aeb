//! The serializer: any serializable value (an assessment, the questions, a schema, an error's
//! issues) into an [`Out`] — without the GIL, so worker threads can do it. An [`Out`] is flat:
//! one list of operations and one text buffer per result, so that making and freeing it costs
//! two allocations, not one per value. Strings of the ruleset become references to the shared
//! [`Strings`].

use std::cell::RefCell;
use std::hash::Hasher;

use serde::ser::{self, Serialize};
use sociale_bril::hash::{FxHasher, FxMap};

use super::strings::{Addr, Strings, addr};

/// The strings a value holds, by address, each once (the collecting pass of
/// [`collect`]).
#[derive(Default)]
struct Collected {
    seen: FxMap<Addr, ()>,
    texts: Vec<(Addr, String)>,
}

impl Collected {
    fn add(&mut self, s: &str) {
        if self.seen.insert(addr(s), ()).is_none() {
            self.texts.push((addr(s), s.to_string()));
        }
    }
}

/// Every string that `values` hold, with its address.
pub(super) fn collect<T: Serialize + ?Sized>(values: &[&T]) -> Vec<(Addr, String)> {
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
    found.into_inner().texts
}

/// One step of building a Python value. Values are written in pre-order: a container's
/// operation, then its items (for a dict: a key, then its value), then [`Op::End`].
#[derive(Debug, Clone, Copy)]
pub(super) enum Op {
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
    pub(super) ops: Vec<Op>,
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

    pub(super) fn get(&self, start: u32, len: u32) -> &str {
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
    shape: FxHasher,
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
            shape: FxHasher::default(),
            shared: true,
            count: 0,
            wrapped: false,
        }
    }

    fn key_shared(&mut self, i: u32) {
        self.shape.write_u64(u64::from(i));
        self.count += 1;
        self.ser.out.ops.push(Op::KeyShared(i));
    }

    fn key_static(&mut self, key: &'static str) -> Result<(), SerError> {
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
