//! The HTML report's markup: one standalone page with inline CSS and an inline SVG chart of the
//! theme scores; no external resources, no scripts.

use std::fmt::Write as _;

use super::walk::{
    Cell, CellKind, GapLine, Head, ImprovementLine, Markup, ScoreRow, severity_index,
};
use super::words::{Words, pct, words};
use crate::assessment::{Assessment, RulesetInfo};
use crate::compiled::CompiledRuleset;
use crate::model::ruleset::Severity;
use crate::text::Lang;
use crate::vocab::{RATING_INCOMPLETE, RATING_NOT_APPLICABLE};

/// Escapes text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root{--ink:#1a1a1a;--muted:#4b4b4b;--line:#c8c8c8;--accent:#24578f}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.8rem;margin-bottom:.25rem}h2{font-size:1.35rem;margin-top:2rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem}h3{font-size:1.1rem;margin-top:1.5rem}
.meta{color:var(--muted);font-size:.9rem}.note{background:#f2f5f9;border-left:4px solid var(--accent);padding:.5rem .75rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f5}td.num{text-align:right;white-space:nowrap}
.rating{display:inline-block;padding:0 .4rem;border-radius:.25rem;border:1px solid #555;font-size:.9rem}
.r0{background:#cfe8d5}.r1{background:#e3f0cc}.r2{background:#fbe3b8}.r3{background:#f6c9c4}.rinc{background:#fff;border-style:dashed}.rna{background:#e6e6e6}
.sev-critical{border-left:4px solid #a4001d}.sev-warning{border-left:4px solid #b35c00}.sev-info{border-left:4px solid #24578f}
ul.signals{list-style:none;padding:0}ul.signals li{padding:.35rem .6rem;margin:.3rem 0;background:#f7f7f7}
ol.improvements li{margin:.4rem 0}.advice{color:var(--muted)}
svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}table,li{break-inside:avoid}.note{border:1px solid #999}}
"#;

/// Writes a report as a standalone HTML page.
pub(super) struct Html<'r> {
    rs: &'r CompiledRuleset,
    lang: Lang,
    out: String,
}

impl<'r> Html<'r> {
    pub fn new(rs: &'r CompiledRuleset, lang: Lang) -> Self {
        Html {
            rs,
            lang,
            out: String::new(),
        }
    }

    /// The CSS class of a rating: the bands spread over four colours, best first.
    fn band_class(&self, rating: &str) -> String {
        match rating {
            RATING_INCOMPLETE => "rinc".into(),
            RATING_NOT_APPLICABLE => "rna".into(),
            r => {
                let bands = &self.rs.bands;
                let pos = (0..bands.len())
                    .position(|b| self.rs.band_id(b) == Some(r))
                    .unwrap_or(0);
                let n = bands.len().max(1);
                format!("r{}", if n <= 4 { pos.min(3) } else { pos * 4 / n })
            }
        }
    }

    /// A rating as a coloured label.
    fn rating(&self, id: &str, label: &str) -> String {
        format!(
            "<span class=\"rating {}\">{}</span>",
            self.band_class(id),
            esc(label)
        )
    }
}

impl Markup for Html<'_> {
    fn start(&mut self, w: &Words, title: &str, ruleset: &RulesetInfo<'_>) {
        let s = &mut self.out;
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>{}: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
            self.lang.code(),
            w.heading,
            esc(title)
        );
        let _ = writeln!(s, "<h1>{}: {}</h1>", w.heading, esc(title));
        let _ = writeln!(
            s,
            "<p class=\"meta\">{} <code>{}</code> {} · <code>{}</code></p>",
            w.ruleset,
            esc(ruleset.id),
            esc(ruleset.version),
            esc(ruleset.hash)
        );
        let _ = writeln!(s, "<p class=\"note\">{}</p>", w.disclaimer);
    }

    fn section(&mut self, heading: &str) {
        let _ = writeln!(self.out, "<h2>{heading}</h2>");
    }

    fn overview_chart(&mut self, a: &Assessment<'_>) {
        self.out.push_str(&chart(a, self.lang));
    }

    fn table(&mut self, head: &Head<'_>, rows: &[[Cell<'_>; 4]]) {
        let [a, b, c, d] = head.titles;
        let _ = writeln!(
            self.out,
            "<table>\n<thead><tr><th scope=\"col\">{a}</th><th scope=\"col\">{b}</th><th scope=\"col\">{c}</th><th scope=\"col\">{d}</th></tr></thead>\n<tbody>"
        );
        for row in rows {
            self.out.push_str("<tr>");
            for cell in row {
                let html = match cell.kind {
                    CellKind::Label => format!("<th scope=\"row\">{}</th>", esc(&cell.text)),
                    CellKind::Text => {
                        let flag = cell
                            .flag
                            .map_or(String::new(), |f| format!(" <strong>({f})</strong>"));
                        format!("<td>{}{flag}</td>", esc(&cell.text))
                    }
                    CellKind::Number if cell.strong => {
                        format!("<td class=\"num\"><strong>{}</strong></td>", cell.text)
                    }
                    CellKind::Number => format!("<td class=\"num\">{}</td>", cell.text),
                    CellKind::Rating(id) => format!("<td>{}</td>", self.rating(id, &cell.text)),
                };
                self.out.push_str(&html);
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    fn nothing(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p>{text}</p>");
    }

    fn signals(&mut self, w: &Words, signals: &[(Severity, &str)]) {
        self.out.push_str("<ul class=\"signals\">\n");
        for (severity, message) in signals {
            let _ = writeln!(
                self.out,
                "<li class=\"sev-{}\"><strong>{}:</strong> {}</li>",
                severity.name(),
                w.severity[severity_index(*severity)],
                esc(message)
            );
        }
        self.out.push_str("</ul>\n");
    }

    fn improvements(&mut self, w: &Words, list: &[ImprovementLine<'_>]) {
        self.out.push_str("<ol class=\"improvements\">\n");
        for imp in list {
            let _ = writeln!(
                self.out,
                "<li><strong>{}</strong> {}<br><span class=\"advice\">{}</span></li>",
                esc(imp.question),
                imp.sentence(w, esc, |s| format!("<strong>{s}</strong>")),
                esc(imp.advice)
            );
        }
        self.out.push_str("</ol>\n");
    }

    fn gaps(&mut self, w: &Words, list: &[GapLine<'_>]) {
        self.out.push_str("<ul>\n");
        for g in list {
            let _ = writeln!(self.out, "<li>{}</li>", g.sentence(w, esc));
        }
        self.out.push_str("</ul>\n");
    }

    fn theme(&mut self, heading: &ScoreRow<'_>) {
        let rating = self.rating(heading.rating, &heading.rating_label);
        let _ = writeln!(
            self.out,
            "<h3>{} — {} {rating}</h3>",
            esc(heading.label),
            heading.percent,
        );
    }

    fn dropped(&mut self, w: &Words, questions: &[&str]) {
        let _ = writeln!(
            self.out,
            "<p class=\"meta\">{}:</p>\n<ul class=\"meta\">",
            w.dropped
        );
        for question in questions {
            let _ = writeln!(self.out, "<li>{}</li>", esc(question));
        }
        self.out.push_str("</ul>\n");
    }

    fn finish(mut self) -> String {
        self.out.push_str("</main>\n</body>\n</html>\n");
        self.out
    }
}

/// A horizontal bar chart of the theme percentages, as inline SVG with a text alternative.
fn chart(a: &Assessment<'_>, lang: Lang) -> String {
    let w = words(lang);
    let row = 34;
    let label_w = 260;
    let bar_w = 380;
    let height = row * a.themes.len() + 30;
    let summary: Vec<String> = a
        .themes
        .iter()
        .map(|t| format!("{} {}", t.title.get(lang), pct(t.score.percent, lang)))
        .collect();
    let mut s = format!(
        "<svg role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {} {height}\" width=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"chart-title\">{}: {}</title>\n",
        label_w + bar_w + 70,
        label_w + bar_w + 70,
        w.score,
        esc(&summary.join("; "))
    );
    for (i, t) in a.themes.iter().enumerate() {
        let y = 10 + i * row;
        let p = t.score.percent.unwrap_or(0.0).clamp(0.0, 100.0);
        let len = crate::numfmt::num((p / 100.0 * bar_w as f64).round());
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>\n<rect x=\"{}\" y=\"{y}\" width=\"{bar_w}\" height=\"22\" fill=\"#eef1f5\" stroke=\"#8a8a8a\"/>\n<rect x=\"{}\" y=\"{y}\" width=\"{len}\" height=\"22\" fill=\"#24578f\"/>\n<text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>",
            label_w - 8,
            y + 16,
            esc(t.title.get(lang)),
            label_w,
            label_w,
            label_w + bar_w + 6,
            y + 16,
            pct(t.score.percent, lang)
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_html() {
        assert_eq!(
            esc("<img src=x onerror='a'>&"),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"
        );
    }
}
