//! Numbers as text for messages and reports, without core's float formatting (which adds about
//! 25 KB to the WebAssembly module): integral values as integers, others in their shortest
//! round-trip form (serde_json's formatter, which the crate carries anyway).

/// `3` for 3.0, `62.5` for 62.5, `0.3333333333333333` for 1/3.
pub(crate) fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        return (x as i64).to_string();
    }
    match serde_json::Number::from_f64(x) {
        Some(n) => n.to_string(),
        None if x.is_nan() => "NaN".to_string(),
        None if x > 0.0 => "infinity".to_string(),
        None => "-infinity".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-2.0), "-2");
        assert_eq!(num(62.5), "62.5");
        assert_eq!(num(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(num(1_000_000.0), "1000000");
        assert_eq!(num(f64::NAN), "NaN");
    }
}
