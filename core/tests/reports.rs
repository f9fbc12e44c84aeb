//! Reports render user and rule text as text, in the chosen language, with no outside resources.

mod common;

use sociale_bril::{Lang, report};

const HOSTILE: &str = r#"{"title": "<script>alert(1)</script> & *vet*",
  "context": {"instrument": "regulation", "budget": 5000},
  "answers": {"alpha.one": {"answer": "no", "note": "<img src=x onerror=alert(2)>"}, "alpha.two": "3"}}"#;

#[test]
fn html_escapes_user_text_and_is_self_contained() {
    let rules = common::mini();
    let a = rules.assess_json(HOSTILE).unwrap();
    let html = report::html(&rules, &a, Lang::Nl);
    assert!(!html.contains("<script>"), "no script from user text");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; *vet*"));
    assert!(!html.contains("<img"), "the note is text");
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(
        html.contains("<svg") && html.contains("role=\"img\""),
        "an accessible inline chart"
    );
    assert!(
        html.contains("default-src 'none'"),
        "a CSP that allows nothing outside"
    );
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(
        html.contains("Kritisch punt voldoet niet"),
        "the critical failure is named"
    );
    let en = report::html(&rules, &a, Lang::En);
    assert!(en.contains("<html lang=\"en\">") && en.contains("Critical item fails"));
}

#[test]
fn markdown_escapes_markup_and_uses_the_language() {
    let rules = common::mini();
    let a = rules.assess_json(HOSTILE).unwrap();
    let md = report::markdown(&rules, &a, Lang::Nl);
    assert!(
        md.contains("\\<script\\>alert(1)\\</script\\> & \\*vet\\*"),
        "{md}"
    );
    assert!(md.contains("## Verbeterpunten"));
    assert!(md.contains("| Alfa | "), "theme titles in Dutch");
    // Dutch numbers use a decimal comma: alpha.two = 3 → 3 × 0.5 = 1.5 points.
    assert!(md.contains("1,5 / 3"), "{md}");
    let en = report::markdown(&rules, &a, Lang::En);
    assert!(en.contains("1.5 / 3") && en.contains("## Improvements") && en.contains("| Alpha | "));
}
