//! Tables of proposals and results, output formats and normalization: the core APIs the front
//! ends call instead of repeating the logic.

use std::path::Path;

use serde_json::{Value, json};
use sociale_bril::table::{
    ColumnKind, NumberStyle, ProposalColumn, ResultRow, TableOptions, csv_line,
};
use sociale_bril::{Lang, OutputFormat, RenderOptions, Ruleset, report};

fn examples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules/sociale-bril/examples");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

#[test]
fn a_header_with_unknown_columns_names_each_of_them() {
    let rules = Ruleset::default().unwrap();
    let e = rules
        .proposal_columns(
            &["id", "titel", "instrument", "onbekende_kolom"],
            TableOptions::default(),
        )
        .unwrap_err();
    let found: Vec<(&str, Option<u32>, Option<u32>)> = e
        .issues
        .iter()
        .map(|i| (i.code, i.line, i.column))
        .collect();
    assert_eq!(
        found,
        [
            ("unknown-column", Some(1), Some(2)),
            ("unknown-column", Some(1), Some(4))
        ]
    );
    assert!(e.issues[1].message.contains("onbekende_kolom"));
}

#[test]
fn a_row_becomes_a_proposal_with_dutch_numbers_read_correctly() {
    let rules = Ruleset::default().unwrap();
    let header = [
        "id",
        "title",
        "context.instrument",
        "budget",
        "citizens_affected",
        "target_groups",
        "inclusie.doelgroepen-in-beeld",
        "note.inclusie.doelgroepen-in-beeld",
        "line",
    ];
    let columns = rules
        .proposal_columns(&header, TableOptions::default())
        .unwrap();
    assert_eq!(columns.columns()[8], ProposalColumn::Ignored);
    let row = [
        "a1",
        "Eerste",
        "subsidie",
        "2.500,50",
        "ja",
        "ouderen; jongeren",
        "ja",
        "Analyse, maart",
        "7",
    ];
    let p = columns.read(2, &row).unwrap();
    assert_eq!(
        p,
        json!({
            "id": "a1", "title": "Eerste",
            "context": {"instrument": "subsidie", "budget": 2500.5, "citizens_affected": true,
                        "target_groups": ["ouderen", "jongeren"]},
            "answers": {"inclusie.doelgroepen-in-beeld": {"answer": "ja", "note": "Analyse, maart"}}
        })
    );
    rules.assess_value(&p).unwrap();
    let budget = |cell: &str, style| {
        let columns = rules
            .proposal_columns(&["budget"], TableOptions::new(style))
            .unwrap();
        columns
            .read(3, &[cell])
            .map(|p| p["context"]["budget"].as_f64().unwrap())
    };
    assert_eq!(budget("2.500.000", NumberStyle::Auto), Ok(2_500_000.0));
    assert_eq!(budget("2,5", NumberStyle::Auto), Ok(2.5));
    assert_eq!(budget("2.500", NumberStyle::Dutch), Ok(2500.0));
    assert_eq!(budget("2.500", NumberStyle::English), Ok(2.5));
}

#[test]
fn cells_that_cannot_be_read_are_problems_at_row_column_and_pointer() {
    let rules = Ruleset::default().unwrap();
    let columns = rules
        .proposal_columns(
            &["title", "budget", "citizens_affected"],
            TableOptions::default(),
        )
        .unwrap();
    let e = columns.read(5, &["x", "2.500", "misschien"]).unwrap_err();
    let found: Vec<(&str, &str, Option<u32>, Option<u32>)> = e
        .issues
        .iter()
        .map(|i| (i.code, i.pointer.as_str(), i.line, i.column))
        .collect();
    assert_eq!(
        found,
        [
            ("ambiguous-number", "/context/budget", Some(5), Some(2)),
            (
                "invalid-boolean",
                "/context/citizens_affected",
                Some(5),
                Some(3)
            ),
        ]
    );
    assert!(e.issues[0].message.contains("column `budget`"));
    assert!(e.to_string().contains("line 5, column 2"), "{e}");
}

#[test]
fn every_example_survives_a_row_and_back_in_every_number_style() {
    let rules = Ruleset::default().unwrap();
    for (name, text) in examples() {
        let canonical = serde_json::to_value(rules.normalize_json(&text).unwrap()).unwrap();
        for style in [NumberStyle::Auto, NumberStyle::Dutch, NumberStyle::English] {
            let columns = rules.all_proposal_columns(TableOptions::new(style));
            let cells = columns.write(&canonical);
            let header = columns.header();
            let again = rules
                .proposal_columns(&header, TableOptions::new(style))
                .unwrap()
                .read(2, &cells)
                .unwrap_or_else(|e| panic!("{name} {style:?}: {e}"));
            let back = serde_json::to_value(rules.normalize_value(&again).unwrap()).unwrap();
            assert_eq!(back, canonical, "{name} {style:?}");
        }
    }
}

#[test]
fn normalization_resolves_aliases_to_canonical_ids() {
    let rules = Ruleset::default().unwrap();
    let p = rules
        .normalize_json(
            r#"{"title": "T", "id": 7, "$schema": "x",
            "context": {"instrument": " Subsidie ", "target_groups": ["jongeren", "ouderen", "ouderen"], "budget": null},
            "answers": {"inclusie.doelgroepen-in-beeld": "JA",
                        "inclusie.fysieke-toegankelijkheid": {"answer": "deels", "note": "Hellingen"},
                        "inclusie.doenvermogen": {"answer": "n.v.t.", "note": ""}}}"#,
        )
        .unwrap();
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["context"]["instrument"], "subsidy");
    assert_eq!(
        v["context"]["target_groups"],
        json!(["elderly", "young_people"])
    );
    assert!(v["context"].get("budget").is_none());
    assert_eq!(v["answers"]["inclusie.doelgroepen-in-beeld"], "yes");
    assert_eq!(
        v["answers"]["inclusie.fysieke-toegankelijkheid"],
        json!({"answer": "partly", "note": "Hellingen"})
    );
    assert_eq!(v["answers"]["inclusie.doenvermogen"], "not_applicable");
    assert!(v.get("$schema").is_none() && v["id"] == 7 && v["title"] == "T");
    assert!(
        rules
            .normalize_json(r#"{"answers": {"x.y": "ja"}}"#)
            .is_err()
    );
}

#[test]
fn result_rows_are_the_same_from_an_assessment_its_json_and_its_summary() {
    let rules = Ruleset::default().unwrap();
    let columns = rules.result_columns();
    let names: Vec<&str> = columns.columns().iter().map(|c| c.name()).collect();
    assert_eq!(
        names[..5],
        [
            "id",
            "title",
            "overall_percent",
            "overall_rating",
            "overall_completeness"
        ]
    );
    assert!(names.contains(&"inclusie_percent") && names.contains(&"signal_ids"));
    assert_eq!(names[names.len() - 2..], ["error", "error_code"]);
    for (name, text) in examples() {
        let a = rules.assess_json(&text).unwrap();
        let row = ResultRow::of(&a);
        let from_full: ResultRow =
            serde_json::from_value(serde_json::to_value(&a).unwrap()).unwrap();
        let from_summary: ResultRow = serde_json::from_str(&a.summary().to_json()).unwrap();
        assert_eq!(from_full, row, "{name}");
        assert_eq!(from_summary, row, "{name}");
        let cells = columns.cells(None, &row);
        let at = |n: &str| names.iter().position(|c| *c == n).unwrap();
        assert_eq!(
            cells[at("signals")].text(NumberStyle::Auto),
            a.signals.len().to_string()
        );
        assert_eq!(
            cells[at("overall_rating")].text(NumberStyle::Auto),
            a.overall.rating
        );
        let line = rules.render(&a, OutputFormat::Row, &RenderOptions::default());
        assert_eq!(line, columns.csv_row(None, &row, NumberStyle::Auto, ','));
    }
    let error = ResultRow::error("line 1\nline 2", "unknown-item");
    let cells = columns.cells(Some(3), &error);
    assert!(
        cells
            .iter()
            .all(|c| !matches!(c, sociale_bril::table::Cell::Count(_)))
    );
    let with_line = columns.clone().with_line();
    assert_eq!(with_line.columns()[0].name(), "line");
    assert_eq!(with_line.columns()[0].kind(), ColumnKind::Count);
    let csv = with_line.csv_row(Some(3), &error, NumberStyle::Auto, ',');
    assert!(
        csv.starts_with("3,,,") && csv.ends_with("line 1 line 2,unknown-item\n"),
        "{csv}"
    );
}

#[test]
fn every_output_format_renders_through_the_core() {
    let rules = Ruleset::default().unwrap();
    let (_, text) = &examples()[0];
    let a = rules.assess_json(text).unwrap();
    let nl = RenderOptions::new(Lang::Nl);
    assert_eq!(
        rules.render(&a, OutputFormat::Markdown, &nl),
        report::markdown(&rules, &a, Lang::Nl)
    );
    assert_eq!(
        rules.render(&a, OutputFormat::Html, &nl),
        report::html(&rules, &a, Lang::Nl)
    );
    assert_eq!(
        rules.render(&a, OutputFormat::Canonical, &nl),
        a.to_canonical_json()
    );
    assert_eq!(
        rules.render(&a, OutputFormat::Summary, &nl),
        a.summary().to_json()
    );
    let json: Value = serde_json::from_str(&rules.render(&a, OutputFormat::Json, &nl)).unwrap();
    assert_eq!(json, serde_json::to_value(&a).unwrap());
    let indented = rules.render(&a, OutputFormat::Json, &nl.indented(true));
    assert!(indented.starts_with("{\n  \""));
    assert_eq!(
        csv_line(["a,b", "c"], ';'),
        "a,b;c\n",
        "a `;` table quotes only cells with `;`"
    );
}
