//! Canonical JSON: sorted keys, no whitespace, integral numbers without a fraction. The form in
//! which Rust, Python and the browser must produce byte-identical assessments
//! (docs/scoring.md §13).

use serde::Serialize;
use serde_json::Value;

/// Serializes a value as canonical JSON.
pub fn to_canonical_json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let v = serde_json::to_value(value)?;
    let mut out = String::new();
    write_value(&v, &mut out);
    Ok(out)
}

/// Re-writes JSON text in canonical form.
pub fn canonicalize(json: &str) -> Result<String, serde_json::Error> {
    let v: Value = serde_json::from_str(json)?;
    let mut out = String::new();
    write_value(&v, &mut out);
    Ok(out)
}

/// Largest integer that an f64 and a JavaScript number hold exactly.
const SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

fn write_value(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                if f.fract() == 0.0 && f.abs() <= SAFE_INTEGER {
                    // Integral: written without a fraction, as JavaScript and Python's int do.
                    out.push_str(&format!("{}", f as i64));
                    return;
                }
            }
            out.push_str(&n.to_string());
        }
        Value::String(s) => out.push_str(&Value::String(s.clone()).to_string()),
        Value::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(e, out);
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            crate::order::sort_by(&mut keys, |a, b| a < b);
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                if let Some(e) = m.get(*k) {
                    write_value(e, out);
                }
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_keys_and_drops_integral_fractions() {
        let c = canonicalize(r#"{ "b": 3.0, "a": [0.5, -2.0, 1e3], "c": "x\ny" }"#).unwrap();
        assert_eq!(c, r#"{"a":[0.5,-2,1000],"b":3,"c":"x\ny"}"#);
    }
}
