//! The HTML report: one standalone page with inline CSS and an inline SVG chart of the theme
//! scores; no external resources, no scripts.

use std::fmt::Write as _;

use super::{answer_text, gain, num, pct, question, theme_title, words};
use crate::model::assessment::{Assessment, ItemStatus};
use crate::model::ruleset::Severity;
use crate::questions::builtin_label;
use crate::ruleset::Ruleset;
use crate::text::Lang;

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

/// Renders an assessment as a standalone HTML page.
pub fn html(rs: &Ruleset, a: &Assessment<'_>, lang: Lang) -> String {
    let w = words(lang);
    let title = a.proposal.title.as_deref().unwrap_or(w.untitled);
    let band_class = |rating: &str| -> String {
        match rating {
            "incomplete" => "rinc".into(),
            "not_applicable" => "rna".into(),
            r => {
                let pos = rs
                    .inner
                    .bands
                    .iter()
                    .position(|b| rs.inner.doc.rating.get(b.doc).is_some_and(|d| d.id == r))
                    .unwrap_or(0);
                let n = rs.inner.bands.len().max(1);
                // Spread the bands over four colours, best first.
                format!("r{}", if n <= 4 { pos.min(3) } else { pos * 4 / n })
            }
        }
    };
    let rating = |r: &str| {
        format!(
            "<span class=\"rating {}\">{}</span>",
            band_class(r),
            esc(&rs.rating_label(r, lang))
        )
    };

    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>{}: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        lang.code(),
        w.heading,
        esc(title)
    );
    let _ = writeln!(s, "<h1>{}: {}</h1>", w.heading, esc(title));
    let _ = writeln!(
        s,
        "<p class=\"meta\">{} <code>{}</code> {} · <code>{}</code></p>",
        w.ruleset,
        esc(a.ruleset.id),
        esc(a.ruleset.version),
        esc(a.ruleset.hash)
    );
    let _ = writeln!(s, "<p class=\"note\">{}</p>", w.disclaimer);

    let _ = writeln!(s, "<h2>{}</h2>", w.overview);
    s.push_str(&chart(a, lang));
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        w.theme, w.score, w.completeness, w.rating
    );
    for t in &a.themes {
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(t.title.get(lang)),
            pct(t.score.percent, lang),
            pct(t.score.completeness, lang),
            rating(t.score.rating)
        );
    }
    let _ = writeln!(
        s,
        "<tr><th scope=\"row\">{}</th><td class=\"num\"><strong>{}</strong></td><td class=\"num\">{}</td><td>{}</td></tr>\n</tbody>\n</table>",
        w.overall,
        pct(a.overall.percent, lang),
        pct(a.overall.completeness, lang),
        rating(a.overall.rating)
    );

    let _ = writeln!(s, "<h2>{}</h2>", w.signals);
    if a.signals.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", w.no_signals);
    } else {
        s.push_str("<ul class=\"signals\">\n");
        for sig in &a.signals {
            let (class, label) = match sig.severity {
                Severity::Info => ("sev-info", w.severity[0]),
                Severity::Warning => ("sev-warning", w.severity[1]),
                Severity::Critical => ("sev-critical", w.severity[2]),
            };
            let _ = writeln!(
                s,
                "<li class=\"{class}\"><strong>{label}:</strong> {}</li>",
                esc(sig.message.get(lang))
            );
        }
        s.push_str("</ul>\n");
    }

    let _ = writeln!(s, "<h2>{}</h2>", w.improvements);
    if a.improvements.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", w.no_improvements);
    } else {
        s.push_str("<ol class=\"improvements\">\n");
        for imp in &a.improvements {
            let from_to = w
                .from_to
                .replace("{from}", &esc(&rs.answer_label(imp.item, imp.from, lang)))
                .replace("{to}", &esc(&rs.answer_label(imp.item, imp.to, lang)));
            let crit = if imp.critical_failure {
                format!(" <strong>{}</strong>.", w.critical_failure)
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "<li><strong>{}</strong> ({}) — {from_to}, {}.{crit}<br><span class=\"advice\">{}</span></li>",
                esc(question(rs, imp.item, lang)),
                esc(theme_title(a, imp.theme, lang)),
                gain(imp.gain, lang),
                esc(imp.advice.get(lang))
            );
        }
        s.push_str("</ol>\n");
    }

    let _ = writeln!(s, "<h2>{}</h2>", w.gaps);
    if a.knowledge_gaps.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", w.no_gaps);
    } else {
        s.push_str("<ul>\n");
        for g in &a.knowledge_gaps {
            let crit = if g.critical {
                format!(" ({})", w.critical)
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "<li>{}{crit} — {}: {}</li>",
                esc(g.question.get(lang)),
                esc(theme_title(a, g.theme, lang)),
                builtin_label(g.status.name(), lang)
            );
        }
        s.push_str("</ul>\n");
    }

    let _ = writeln!(s, "<h2>{}</h2>", w.details);
    for t in &a.themes {
        let _ = writeln!(
            s,
            "<h3>{} — {} {}</h3>",
            esc(t.title.get(lang)),
            pct(t.score.percent, lang),
            rating(t.score.rating)
        );
        let _ = writeln!(
            s,
            "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            w.question, w.answer, w.points, w.note
        );
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
            let crit = if item.critical_failure {
                format!(" <strong>({})</strong>", w.critical_failure)
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "<tr><td>{}{crit}</td><td>{}</td><td class=\"num\">{points}</td><td>{}</td></tr>",
                esc(question(rs, item.id, lang)),
                esc(&answer_text(rs, item, lang)),
                esc(item.note.as_deref().unwrap_or(""))
            );
        }
        s.push_str("</tbody>\n</table>\n");
        if !dropped.is_empty() {
            let _ = writeln!(
                s,
                "<p class=\"meta\">{}:</p>\n<ul class=\"meta\">",
                w.dropped
            );
            for item in dropped {
                let _ = writeln!(s, "<li>{}</li>", esc(question(rs, item.id, lang)));
            }
            s.push_str("</ul>\n");
        }
    }

    for (heading, groups) in [(w.principles, &a.principles), (w.domains, &a.domains)] {
        let _ = writeln!(
            s,
            "<h2>{heading}</h2>\n<table>\n<thead><tr><th scope=\"col\"></th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            w.score, w.completeness, w.rating
        );
        for g in groups.iter() {
            let _ = writeln!(
                s,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(g.title.get(lang)),
                pct(g.score.percent, lang),
                pct(g.score.completeness, lang),
                rating(g.score.rating)
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
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
