//! Errors as JavaScript `Error` objects with structured properties.
//!
//! Every error thrown by the binding is a real `Error` (so `instanceof Error`, `message` and
//! `stack` work) with these extra properties:
//!
//! - `name`: `RulesetError`, `ProposalError` or `ArgumentError`;
//! - `kind`: `ruleset`, `proposal` or `argument`;
//! - `code`: the stable code of the first problem (`unknown-item`, `json-syntax` …);
//! - `path`: the JSON pointer of the first problem (`/answers/inclusie.doenvermogen`), `""` for
//!   the whole document;
//! - `location`: `{file?, line?, column?, path}` of the first problem, or `null`;
//! - `issues`: every problem found, as plain objects (the core's `RuleIssue`/`ProposalIssue`).

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use sociale_bril::{ProposalError, RulesetError};
use wasm_bindgen::JsValue;

/// The kinds of error the binding throws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A ruleset could not be loaded.
    Ruleset,
    /// A proposal is invalid for the ruleset.
    Proposal,
    /// An argument is not valid (an unknown language, format or schema kind).
    Argument,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Ruleset => "RulesetError",
            Kind::Proposal => "ProposalError",
            Kind::Argument => "ArgumentError",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Kind::Ruleset => "ruleset",
            Kind::Proposal => "proposal",
            Kind::Argument => "argument",
        }
    }
}

/// Where a problem is, as exposed to JavaScript.
#[derive(Serialize)]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
    path: &'a str,
}

fn set(target: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh, unfrozen Error object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

/// Builds the `Error` object.
fn build(
    kind: Kind,
    message: &str,
    code: &str,
    path: &str,
    location: JsValue,
    issues: JsValue,
) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(kind.name());
    let object: &Object = error.as_ref();
    set(object, "kind", &JsValue::from_str(kind.id()));
    set(object, "code", &JsValue::from_str(code));
    set(object, "path", &JsValue::from_str(path));
    set(object, "location", &location);
    set(object, "issues", &issues);
    error.into()
}

/// A ruleset error as a JavaScript `Error`.
pub(crate) fn ruleset(e: &RulesetError) -> JsValue {
    match e {
        RulesetError::Invalid(issues) => {
            let first = issues.first();
            let location = first.map_or(JsValue::NULL, |i| {
                to_js(&Location {
                    file: Some(&i.location.file),
                    line: i.location.line,
                    column: i.location.column,
                    path: &i.location.path,
                })
            });
            build(
                Kind::Ruleset,
                &e.to_string(),
                first.map_or("invalid-ruleset", |i| i.code),
                first.map_or("", |i| i.location.path.as_str()),
                location,
                to_js(issues),
            )
        }
        RulesetError::Io { path, .. } => build(
            Kind::Ruleset,
            &e.to_string(),
            "io",
            "",
            to_js(&Location {
                file: Some(path),
                line: None,
                column: None,
                path: "",
            }),
            Array::new().into(),
        ),
        // `RulesetError` is non-exhaustive: a future variant still becomes a proper error.
        _ => build(
            Kind::Ruleset,
            &e.to_string(),
            "invalid-ruleset",
            "",
            JsValue::NULL,
            Array::new().into(),
        ),
    }
}

/// A proposal error as a JavaScript `Error`.
pub(crate) fn proposal(e: &ProposalError) -> JsValue {
    let first = e.first();
    let location = first.map_or(JsValue::NULL, |i| {
        to_js(&Location {
            file: None,
            line: i.line,
            column: i.column,
            path: &i.pointer,
        })
    });
    build(
        Kind::Proposal,
        &e.to_string(),
        first.map_or("invalid-proposal", |i| i.code),
        first.map_or("", |i| i.pointer.as_str()),
        location,
        to_js(&e.issues),
    )
}

/// An invalid argument as a JavaScript `Error`.
pub(crate) fn argument(code: &str, message: &str) -> JsValue {
    build(
        Kind::Argument,
        message,
        code,
        "",
        JsValue::NULL,
        Array::new().into(),
    )
}
