//! Indented JSON from compact JSON text: byte for byte what serde_json's pretty printer writes
//! (two spaces, `"key": value`, empty objects and lists as `{}` and `[]`), without a second
//! serializer for every type, which would cost the WebAssembly module several kilobytes.

/// Indents compact JSON text (as `serde_json::to_string` writes it).
pub(crate) fn indent(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut start = 0;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        let punctuation = matches!(b, b'{' | b'[' | b'}' | b']' | b',' | b':' | b'"');
        if !punctuation {
            i += 1;
            continue;
        }
        out.push_str(&json[start..i]);
        match b {
            b'"' => {
                in_string = true;
                out.push('"');
            }
            b'{' | b'[' if matches!(bytes.get(i + 1), Some(b'}' | b']')) => {
                out.push(char::from(b));
                out.push(char::from(bytes[i + 1]));
                i += 1;
            }
            b'{' | b'[' => {
                out.push(char::from(b));
                depth += 1;
                newline(&mut out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(char::from(b));
            }
            b',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            _ => out.push_str(": "),
        }
        i += 1;
        start = i;
    }
    out.push_str(&json[start.min(json.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::indent;

    #[test]
    fn indents_as_serde_json_does() {
        let value = serde_json::json!({
            "a": [1, {"b": "x, \"y\": [z]"}, [], {}],
            "c": null, "d": "\\\\", "é": -1.5e-7
        });
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(
            indent(&compact),
            serde_json::to_string_pretty(&value).unwrap()
        );
        assert_eq!(indent("[]"), "[]");
        assert_eq!(indent("3"), "3");
    }
}
