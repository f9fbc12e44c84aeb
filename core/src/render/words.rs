//! The fixed words of the reports in Dutch and English, and numbers written the way each
//! language writes them.

use crate::text::Lang;

/// Fixed texts of the reports.
pub(crate) struct Words {
    pub heading: &'static str,
    pub untitled: &'static str,
    pub ruleset: &'static str,
    pub overview: &'static str,
    pub theme: &'static str,
    pub score: &'static str,
    pub completeness: &'static str,
    pub rating: &'static str,
    pub overall: &'static str,
    pub signals: &'static str,
    pub no_signals: &'static str,
    pub improvements: &'static str,
    pub no_improvements: &'static str,
    pub gaps: &'static str,
    pub no_gaps: &'static str,
    pub details: &'static str,
    pub question: &'static str,
    pub answer: &'static str,
    pub points: &'static str,
    pub note: &'static str,
    pub from_to: &'static str,
    pub critical: &'static str,
    pub critical_failure: &'static str,
    pub principles: &'static str,
    pub domains: &'static str,
    pub disclaimer: &'static str,
    pub severity: [&'static str; 3],
    pub dropped: &'static str,
}

pub(crate) fn words(lang: Lang) -> Words {
    match lang {
        Lang::Nl => Words {
            heading: "Sociale bril",
            untitled: "Voorstel zonder titel",
            ruleset: "Regelset",
            overview: "Overzicht",
            theme: "Thema",
            score: "Score",
            completeness: "Ingevuld",
            rating: "Beoordeling",
            overall: "Totaal",
            signals: "Signalen",
            no_signals: "Geen signalen.",
            improvements: "Verbeterpunten",
            no_improvements: "Geen verbeterpunten: elk beantwoord punt heeft het beste antwoord.",
            gaps: "Kennishiaten",
            no_gaps: "Geen kennishiaten.",
            details: "Per thema",
            question: "Vraag",
            answer: "Antwoord",
            points: "Punten",
            note: "Toelichting",
            from_to: "van {from} naar {to}",
            critical: "kritisch",
            critical_failure: "Kritisch punt voldoet niet",
            principles: "Uitgangspunten",
            domains: "Domeinen",
            disclaimer: "Scores en beoordelingen zijn signalen, geen oordeel. Onbekende antwoorden zijn kennishiaten, geen slechte antwoorden.",
            severity: ["Info", "Waarschuwing", "Kritisch"],
            dropped: "Vervallen vragen (passen niet bij dit voorstel)",
        },
        Lang::En => Words {
            heading: "Social lens",
            untitled: "Untitled proposal",
            ruleset: "Ruleset",
            overview: "Overview",
            theme: "Theme",
            score: "Score",
            completeness: "Completed",
            rating: "Rating",
            overall: "Overall",
            signals: "Signals",
            no_signals: "No signals.",
            improvements: "Improvements",
            no_improvements: "No improvements: every answered item has the best answer.",
            gaps: "Knowledge gaps",
            no_gaps: "No knowledge gaps.",
            details: "By theme",
            question: "Question",
            answer: "Answer",
            points: "Points",
            note: "Note",
            from_to: "from {from} to {to}",
            critical: "critical",
            critical_failure: "Critical item fails",
            principles: "Principles",
            domains: "Domains",
            disclaimer: "Scores and ratings are signals, not verdicts. Unknown answers are knowledge gaps, not bad answers.",
            severity: ["Info", "Warning", "Critical"],
            dropped: "Dropped questions (do not fit this proposal)",
        },
    }
}

/// A number for display: `62,5` in Dutch, `62.5` in English.
pub(crate) fn num(x: f64, lang: Lang) -> String {
    let s = crate::numfmt::num(x);
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

/// The points an improvement adds: `+1 punt erbij`, `+1,5 punten erbij`, `+2 points more`.
pub(crate) fn gain(x: f64, lang: Lang) -> String {
    let one = x == 1.0;
    match lang {
        Lang::Nl => format!(
            "+{} {} erbij",
            num(x, lang),
            if one { "punt" } else { "punten" }
        ),
        Lang::En => format!(
            "+{} {} more",
            num(x, lang),
            if one { "point" } else { "points" }
        ),
    }
}

/// A percentage for display: `62,5%` (Dutch) or `62.5%`, or `–` when there is none.
pub(crate) fn pct(p: Option<f64>, lang: Lang) -> String {
    p.map_or_else(|| "–".to_string(), |p| format!("{}%", num(p, lang)))
}
