//! Writing a row of cells as one line of CSV (RFC 4180): a cell that holds the delimiter, a
//! quote or a line break is quoted, its quotes doubled. Reading CSV (quotes, line breaks inside
//! cells, byte order marks) is left to the front ends' CSV readers, which hand the core cells.

/// One CSV line of `cells`, separated by `delimiter` and ended by `\n`.
pub fn csv_line<'a>(cells: impl IntoIterator<Item = &'a str>, delimiter: char) -> String {
    let mut line = String::new();
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            line.push(delimiter);
        }
        if cell.contains([delimiter, '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&cell.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(cell);
        }
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::csv_line;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(csv_line(["a", "b c", ""], ','), "a,b c,\n");
        assert_eq!(
            csv_line(["Derde, met komma", "zei \"ja\"", "x\ny"], ','),
            "\"Derde, met komma\",\"zei \"\"ja\"\"\",\"x\ny\"\n"
        );
        assert_eq!(csv_line(["1,5", "a;b"], ';'), "1,5;\"a;b\"\n");
    }
}
