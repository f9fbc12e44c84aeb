//! The Markdown report's markup.

use std::fmt::Write as _;

use super::walk::{
    Cell, CellKind, GapLine, Head, ImprovementLine, Markup, ScoreRow, severity_index,
};
use super::words::Words;
use crate::assessment::RulesetInfo;
use crate::model::ruleset::Severity;

/// Escapes text for Markdown: no markup, no HTML, one line.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a report as Markdown.
#[derive(Default)]
pub(super) struct Markdown {
    out: String,
}

impl Markup for Markdown {
    fn start(&mut self, w: &Words, title: &str, ruleset: &RulesetInfo<'_>) {
        let s = &mut self.out;
        let _ = writeln!(s, "# {}: {}\n", w.heading, esc(title));
        let _ = writeln!(
            s,
            "{} `{}` {} ({})\n",
            w.ruleset, ruleset.id, ruleset.version, ruleset.hash
        );
        let _ = writeln!(s, "> {}\n", w.disclaimer);
    }

    fn section(&mut self, heading: &str) {
        let _ = writeln!(self.out, "## {heading}\n");
    }

    fn table(&mut self, head: &Head<'_>, rows: &[[Cell<'_>; 4]]) {
        let s = &mut self.out;
        let [a, b, c, d] = head.titles;
        if a.is_empty() {
            let _ = writeln!(s, "| | {b} | {c} | {d} |");
        } else {
            let _ = writeln!(s, "| {a} | {b} | {c} | {d} |");
        }
        s.push('|');
        for number in head.numbers {
            s.push_str(if number { "---:|" } else { "---|" });
        }
        s.push('\n');
        for row in rows {
            s.push('|');
            for cell in row {
                let text = match cell.kind {
                    CellKind::Number => cell.text.to_string(),
                    _ => esc(&cell.text),
                };
                let flag = cell.flag.map_or(String::new(), |f| format!(" **({f})**"));
                if cell.strong {
                    let _ = write!(s, " **{text}**{flag} |");
                } else {
                    let _ = write!(s, " {text}{flag} |");
                }
            }
            s.push('\n');
        }
        s.push('\n');
    }

    fn nothing(&mut self, text: &str) {
        let _ = writeln!(self.out, "{text}\n");
    }

    fn signals(&mut self, w: &Words, signals: &[(Severity, &str)]) {
        for (severity, message) in signals {
            let label = w.severity[severity_index(*severity)];
            let _ = writeln!(self.out, "- **{label}**: {}", esc(message));
        }
        self.out.push('\n');
    }

    fn improvements(&mut self, w: &Words, list: &[ImprovementLine<'_>]) {
        for imp in list {
            let _ = writeln!(
                self.out,
                "{}. **{}** {}  \n   {}",
                imp.rank,
                esc(imp.question),
                imp.sentence(w, esc, |s| format!("**{s}**")),
                esc(imp.advice)
            );
        }
        self.out.push('\n');
    }

    fn gaps(&mut self, w: &Words, list: &[GapLine<'_>]) {
        for g in list {
            let _ = writeln!(self.out, "- {}", g.sentence(w, esc));
        }
        self.out.push('\n');
    }

    fn theme(&mut self, heading: &ScoreRow<'_>) {
        let _ = writeln!(
            self.out,
            "### {} — {} ({})\n",
            esc(heading.label),
            heading.percent,
            esc(&heading.rating_label)
        );
    }

    fn dropped(&mut self, w: &Words, questions: &[&str]) {
        let _ = writeln!(self.out, "{}:\n", w.dropped);
        for question in questions {
            let _ = writeln!(self.out, "- {}", esc(question));
        }
        self.out.push('\n');
    }

    fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_html() {
        assert_eq!(esc("<script>*x*|y\n"), "\\<script\\>\\*x\\*\\|y ");
    }
}
