//! A serde `Deserializer` over a live Python value, with the GIL: it reads only what the target
//! type asks for, and a value the target skips is not walked at all. For small reads from large
//! values — the results row of `to_frame` from a whole assessment — where copying the value
//! first ([`crate::input`], for proposals decoded without the GIL) would cost more than the read.
//!
//! Dict keys, ratings and ids are the same few `str` objects in every result (the ruleset's
//! shared strings), and turning a `str` into UTF-8 costs an allocation under the stable ABI; so
//! the text of each short `str` object is kept in a [`Texts`] cache for the whole read.

use std::cell::RefCell;

use pyo3::prelude::*;
use pyo3::types::iter::BoundDictIterator;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyIterator, PyString};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use sociale_bril::InputError;
use sociale_bril::hash::FxMap;

/// Reads a Python value in place.
pub(crate) struct PyDe<'a, 'py> {
    pub obj: &'a Bound<'py, PyAny>,
    pub texts: &'a Texts,
}

/// A `str` object and its text.
type KeptText = (Py<PyString>, Box<str>);

/// Most `str` objects whose text is kept.
const MAX_TEXTS: usize = 4096;
/// Longest text kept, in bytes (keys, ratings and ids; not titles and notes).
const MAX_TEXT_BYTES: usize = 64;

/// The text of the short `str` objects met so far, by the object's address (the objects are
/// kept alive with their text, so an address cannot come back as another string); and the
/// `str` objects of the field names of the types read, by the name's address.
#[derive(Default)]
pub(crate) struct Texts {
    texts: RefCell<FxMap<usize, KeptText>>,
    names: RefCell<FxMap<usize, Py<PyString>>>,
}

impl Texts {
    /// The `str` object of a field name.
    fn name<'py>(&self, py: Python<'py>, name: &'static str) -> Bound<'py, PyString> {
        let at = name.as_ptr() as usize;
        if let Some(s) = self.names.borrow().get(&at) {
            return s.bind(py).clone();
        }
        let s = PyString::new(py, name);
        self.names.borrow_mut().insert(at, s.clone().unbind());
        s
    }

    /// Deserializes a `str`, from its kept text when the object was met before.
    fn text<'de, V: Visitor<'de>>(
        &self,
        s: &Bound<'_, PyString>,
        v: V,
    ) -> Result<V::Value, InputError> {
        let at = s.as_ptr() as usize;
        if let Some((_, text)) = self.texts.borrow().get(&at) {
            return v.visit_str(text);
        }
        let text = s.to_cow().map_err(fail)?;
        let value = v.visit_str(&text);
        let mut kept = self.texts.borrow_mut();
        if kept.len() < MAX_TEXTS && text.len() <= MAX_TEXT_BYTES {
            kept.insert(at, (s.clone().unbind(), text.into()));
        }
        value
    }
}

fn fail(e: impl std::fmt::Display) -> InputError {
    de::Error::custom(e)
}

impl<'de> Deserializer<'de> for PyDe<'_, '_> {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, InputError> {
        let obj = self.obj;
        if obj.is_none() {
            return v.visit_unit();
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return v.visit_bool(b.is_true());
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            if let Ok(n) = i.extract::<i64>() {
                return v.visit_i64(n);
            }
            if let Ok(n) = i.extract::<u64>() {
                return v.visit_u64(n);
            }
            return v.visit_f64(i.extract::<f64>().map_err(fail)?);
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return v.visit_f64(f.value());
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return self.texts.text(s, v);
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return v.visit_map(Entries {
                items: d.iter(),
                value: None,
                texts: self.texts,
            });
        }
        if obj.is_instance_of::<pyo3::types::PyList>()
            || obj.is_instance_of::<pyo3::types::PyTuple>()
        {
            return v.visit_seq(Items {
                items: obj.try_iter().map_err(fail)?,
                texts: self.texts,
            });
        }
        Err(fail(format!(
            "a value of type `{}` is not an assessment value",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        )))
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, InputError> {
        if self.obj.is_none() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    /// A value the target does not read: not walked.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, InputError> {
        v.visit_unit()
    }

    /// A struct from a dict: its fields are looked up by name; other keys are not visited.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, InputError> {
        match self.obj.cast::<PyDict>() {
            Ok(dict) => v.visit_map(Fields {
                dict,
                fields: fields.iter(),
                value: None,
                texts: self.texts,
            }),
            Err(_) => self.deserialize_any(v),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier
    }
}

/// The items of a list or tuple.
struct Items<'a, 'py> {
    items: Bound<'py, PyIterator>,
    texts: &'a Texts,
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = InputError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, InputError> {
        match self.items.next() {
            Some(item) => seed
                .deserialize(PyDe {
                    obj: &item.map_err(fail)?,
                    texts: self.texts,
                })
                .map(Some),
            None => Ok(None),
        }
    }
}

/// Reads the value of the key read last.
fn pending<'de, V: DeserializeSeed<'de>>(
    value: &mut Option<Bound<'_, PyAny>>,
    texts: &Texts,
    seed: V,
) -> Result<V::Value, InputError> {
    match value.take() {
        Some(value) => seed.deserialize(PyDe { obj: &value, texts }),
        None => Err(fail("a value was asked for before its key")),
    }
}

/// The entries of a dict.
struct Entries<'a, 'py> {
    items: BoundDictIterator<'py>,
    value: Option<Bound<'py, PyAny>>,
    texts: &'a Texts,
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = InputError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, InputError> {
        let Some((key, value)) = self.items.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(PyDe {
            obj: &key,
            texts: self.texts,
        })
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, InputError> {
        pending(&mut self.value, self.texts, seed)
    }
}

/// The fields of a struct, looked up in a dict by name.
struct Fields<'a, 'py> {
    dict: &'a Bound<'py, PyDict>,
    fields: std::slice::Iter<'static, &'static str>,
    value: Option<Bound<'py, PyAny>>,
    texts: &'a Texts,
}

impl<'de> MapAccess<'de> for Fields<'_, '_> {
    type Error = InputError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, InputError> {
        for &field in self.fields.by_ref() {
            let key = self.texts.name(self.dict.py(), field);
            if let Some(value) = self.dict.get_item(&key).map_err(fail)? {
                self.value = Some(value);
                return seed
                    .deserialize(de::value::BorrowedStrDeserializer::new(field))
                    .map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, InputError> {
        pending(&mut self.value, self.texts, seed)
    }
}
