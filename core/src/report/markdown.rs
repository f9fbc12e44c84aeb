//! The Markdown report.

use std::fmt::Write as _;

use super::{answer_text, gain, num, pct, question, theme_title, words};
use crate::model::assessment::{Assessment, ItemStatus};
use crate::model::ruleset::Severity;
use crate::questions::builtin_label;
use crate::ruleset::Ruleset;
use crate::text::Lang;

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

/// Renders an assessment as Markdown.
pub fn markdown(rs: &Ruleset, a: &Assessment<'_>, lang: Lang) -> String {
    let w = words(lang);
    let mut s = String::new();
    let title = a.proposal.title.as_deref().unwrap_or(w.untitled);
    let _ = writeln!(s, "# {}: {}\n", w.heading, esc(title));
    let _ = writeln!(
        s,
        "{} `{}` {} ({})\n",
        w.ruleset, a.ruleset.id, a.ruleset.version, a.ruleset.hash
    );
    let _ = writeln!(s, "> {}\n", w.disclaimer);

    let _ = writeln!(s, "## {}\n", w.overview);
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} |",
        w.theme, w.score, w.completeness, w.rating
    );
    let _ = writeln!(s, "|---|---:|---:|---|");
    for t in &a.themes {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            esc(t.title.get(lang)),
            pct(t.score.percent, lang),
            pct(t.score.completeness, lang),
            esc(&rs.rating_label(t.score.rating, lang))
        );
    }
    let _ = writeln!(
        s,
        "| **{}** | **{}** | {} | **{}** |\n",
        w.overall,
        pct(a.overall.percent, lang),
        pct(a.overall.completeness, lang),
        esc(&rs.rating_label(a.overall.rating, lang))
    );

    let _ = writeln!(s, "## {}\n", w.signals);
    if a.signals.is_empty() {
        let _ = writeln!(s, "{}\n", w.no_signals);
    } else {
        for sig in &a.signals {
            let label = w.severity[match sig.severity {
                Severity::Info => 0,
                Severity::Warning => 1,
                Severity::Critical => 2,
            }];
            let _ = writeln!(s, "- **{label}**: {}", esc(sig.message.get(lang)));
        }
        s.push('\n');
    }

    let _ = writeln!(s, "## {}\n", w.improvements);
    if a.improvements.is_empty() {
        let _ = writeln!(s, "{}\n", w.no_improvements);
    } else {
        for imp in &a.improvements {
            let from_to = w
                .from_to
                .replace("{from}", &esc(&rs.answer_label(imp.item, imp.from, lang)))
                .replace("{to}", &esc(&rs.answer_label(imp.item, imp.to, lang)));
            let crit = if imp.critical_failure {
                format!(" **{}**.", w.critical_failure)
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "{}. **{}** ({}) — {from_to}, {}.{crit}  \n   {}",
                imp.rank,
                esc(question(rs, imp.item, lang)),
                esc(theme_title(a, imp.theme, lang)),
                gain(imp.gain, lang),
                esc(imp.advice.get(lang))
            );
        }
        s.push('\n');
    }

    let _ = writeln!(s, "## {}\n", w.gaps);
    if a.knowledge_gaps.is_empty() {
        let _ = writeln!(s, "{}\n", w.no_gaps);
    } else {
        for g in &a.knowledge_gaps {
            let crit = if g.critical {
                format!(" ({})", w.critical)
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "- {}{crit} — {}: {}",
                esc(g.question.get(lang)),
                esc(theme_title(a, g.theme, lang)),
                builtin_label(g.status.name(), lang)
            );
        }
        s.push('\n');
    }

    let _ = writeln!(s, "## {}\n", w.details);
    for t in &a.themes {
        let _ = writeln!(
            s,
            "### {} — {} ({})\n",
            esc(t.title.get(lang)),
            pct(t.score.percent, lang),
            esc(&rs.rating_label(t.score.rating, lang))
        );
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            w.question, w.answer, w.points, w.note
        );
        let _ = writeln!(s, "|---|---|---:|---|");
        let mut dropped = Vec::new();
        for item in a.items.iter().filter(|i| i.theme == t.id) {
            if item.status == ItemStatus::Excluded {
                dropped.push(item);
                continue;
            }
            let points = if item.max > 0.0 {
                format!("{} / {}", num(item.points, lang), num(item.max, lang))
            } else {
                "–".to_string()
            };
            let _ = writeln!(
                s,
                "| {}{} | {} | {points} | {} |",
                esc(question(rs, item.id, lang)),
                if item.critical_failure {
                    format!(" **({})**", w.critical_failure)
                } else {
                    String::new()
                },
                esc(&answer_text(rs, item, lang)),
                esc(item.note.as_deref().unwrap_or(""))
            );
        }
        s.push('\n');
        if !dropped.is_empty() {
            let _ = writeln!(s, "{}:\n", w.dropped);
            for item in dropped {
                let _ = writeln!(s, "- {}", esc(question(rs, item.id, lang)));
            }
            s.push('\n');
        }
    }

    for (heading, groups) in [(w.principles, &a.principles), (w.domains, &a.domains)] {
        let _ = writeln!(s, "## {heading}\n");
        let _ = writeln!(s, "| | {} | {} | {} |", w.score, w.completeness, w.rating);
        let _ = writeln!(s, "|---|---:|---:|---|");
        for g in groups.iter() {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                esc(g.title.get(lang)),
                pct(g.score.percent, lang),
                pct(g.score.completeness, lang),
                esc(&rs.rating_label(g.score.rating, lang))
            );
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_html() {
        assert_eq!(esc("<script>*x*|y\n"), "\\<script\\>\\*x\\*\\|y ");
    }
}
