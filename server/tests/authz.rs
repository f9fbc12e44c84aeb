//! Authorization: every endpoint for every role (author, editor, reviewer, admin, a stranger
//! and no session), ids that are guessed, and the CSRF token on every change — on SQLite and
//! PostgreSQL.

mod common;

use axum::http::{Method, StatusCode};
use common::{Backend, Harness, User, example};
use serde_json::json;

/// The roles, in the order of the expectation columns.
const ROLES: [&str; 6] = [
    "author",
    "editor",
    "reviewer",
    "admin",
    "stranger",
    "anonymous",
];

struct Case {
    method: Method,
    /// `{id}` is the assessment, `{editor}` the editor's user id, `{author}` the author's.
    path: &'static str,
    body: Option<serde_json::Value>,
    /// The assessment is in review (else: concept, after one round of review).
    in_review: bool,
    /// Expected status per role, in [`ROLES`] order.
    expect: [u16; 6],
}

fn cases() -> Vec<Case> {
    use Method as M;
    let c = |method, path, body, in_review, expect| Case {
        method,
        path,
        body,
        in_review,
        expect,
    };
    let comment = Some(json!({"body": "Graag toelichten"}));
    let reason = Some(json!({"reason": "Nog niet af"}));
    vec![
        c(
            M::GET,
            "/api/assessments/{id}",
            None,
            false,
            [200, 200, 200, 200, 404, 401],
        ),
        c(
            M::GET,
            "/api/assessments/{id}/versions",
            None,
            false,
            [200, 200, 200, 200, 404, 401],
        ),
        c(
            M::GET,
            "/api/assessments/{id}/versions/1",
            None,
            false,
            [200, 200, 200, 200, 404, 401],
        ),
        c(
            M::GET,
            "/api/assessments/{id}/comments",
            None,
            false,
            [200, 200, 200, 200, 404, 401],
        ),
        c(
            M::GET,
            "/api/assessments/{id}/shares",
            None,
            false,
            [200, 200, 200, 200, 404, 401],
        ),
        c(
            M::GET,
            "/api/assessments/{id}/audit",
            None,
            false,
            [200, 200, 200, 200, 404, 401],
        ),
        c(
            M::PUT,
            "/api/assessments/{id}",
            Some(example("snelfietsroute")),
            false,
            [200, 200, 403, 200, 404, 401],
        ),
        c(
            M::POST,
            "/api/assessments/{id}/comments",
            comment,
            false,
            [201, 201, 201, 201, 404, 401],
        ),
        c(
            M::POST,
            "/api/assessments/{id}/shares",
            Some(json!({"email": "stranger@example.org"})),
            false,
            [200, 403, 403, 200, 404, 401],
        ),
        c(
            M::DELETE,
            "/api/assessments/{id}/shares/{editor}",
            None,
            false,
            [200, 403, 403, 200, 404, 401],
        ),
        c(
            M::POST,
            "/api/assessments/{id}/archive",
            None,
            false,
            [200, 403, 403, 200, 404, 401],
        ),
        c(
            M::POST,
            "/api/assessments/{id}/restore",
            None,
            false,
            [200, 403, 403, 200, 404, 401],
        ),
        c(
            M::POST,
            "/api/assessments/{id}/review/submit",
            None,
            false,
            [200, 200, 403, 200, 404, 401],
        ),
        c(
            M::POST,
            "/api/assessments/{id}/review/withdraw",
            None,
            true,
            [200, 200, 403, 200, 404, 401],
        ),
        c(
            M::POST,
            "/api/assessments/{id}/review/approve",
            None,
            true,
            [403, 403, 200, 200, 404, 401],
        ),
        c(
            M::POST,
            "/api/assessments/{id}/review/return",
            reason,
            true,
            [403, 403, 200, 200, 404, 401],
        ),
        c(
            M::GET,
            "/api/assessments",
            None,
            false,
            [200, 200, 200, 200, 200, 401],
        ),
        c(
            M::POST,
            "/api/assessments",
            Some(example("snelfietsroute")),
            false,
            [201, 201, 201, 201, 201, 401],
        ),
        c(
            M::GET,
            "/api/ruleset",
            None,
            false,
            [200, 200, 200, 200, 200, 401],
        ),
        c(
            M::GET,
            "/api/audit",
            None,
            false,
            [403, 403, 403, 200, 403, 401],
        ),
        c(
            M::GET,
            "/api/users/{author}/export",
            None,
            false,
            [200, 404, 404, 200, 404, 401],
        ),
        c(
            M::POST,
            "/api/users/{other}/erase",
            None,
            false,
            [403, 403, 403, 204, 403, 401],
        ),
    ]
}

struct World {
    author: User,
    editor: User,
    reviewer: User,
    admin: User,
    stranger: User,
    /// Someone no assessment is shared with (erased in one case).
    other: User,
}

impl World {
    async fn new(h: &Harness) -> World {
        World {
            author: h.user("author", false, false).await,
            editor: h.user("editor", false, false).await,
            reviewer: h.user("reviewer", true, false).await,
            admin: h.user("admin", false, true).await,
            stranger: h.user("stranger", false, false).await,
            other: h.user("other", false, false).await,
        }
    }

    fn by_role(&self, i: usize) -> Option<&User> {
        [
            &self.author,
            &self.editor,
            &self.reviewer,
            &self.admin,
            &self.stranger,
        ]
        .get(i)
        .copied()
    }

    /// A fresh assessment of the author, shared with the editor, submitted once (so the
    /// reviewer may see it) and, unless `in_review`, taken back to concept.
    async fn assessment(&self, h: &Harness, in_review: bool) -> String {
        let id = h.create(&self.author, &example("snelfietsroute")).await;
        let r = h
            .send(
                Method::POST,
                &format!("/api/assessments/{id}/shares"),
                Some(&self.author),
                Some(json!({"user": self.editor.id}).to_string()),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            h.review(&self.author, &id, "submit", 1, None).await.status,
            StatusCode::OK
        );
        if !in_review {
            assert_eq!(
                h.review(&self.author, &id, "withdraw", 1, None)
                    .await
                    .status,
                StatusCode::OK
            );
        }
        id
    }
}

async fn every_role_and_endpoint(b: Backend) {
    let Some(h) = Harness::team(b).await else {
        return;
    };
    let w = World::new(&h).await;
    let mut failures = Vec::new();
    for case in cases() {
        for (i, role) in ROLES.iter().enumerate() {
            // Each request on a fresh assessment, so that one case cannot change another.
            let id = w.assessment(&h, case.in_review).await;
            if case.path.starts_with("/api/assessments/{id}/restore") {
                h.send(
                    Method::POST,
                    &format!("/api/assessments/{id}/archive"),
                    Some(&w.author),
                    None,
                    &[],
                )
                .await;
            }
            let path = case
                .path
                .replace("{id}", &id)
                .replace("{editor}", &w.editor.id)
                .replace("{author}", &w.author.id)
                .replace("{other}", &w.other.id);
            let user = w.by_role(i);
            let r = h
                .send(
                    case.method.clone(),
                    &path,
                    user,
                    case.body.as_ref().map(|b| b.to_string()),
                    &[("if-match", "\"1\"")],
                )
                .await;
            if r.status.as_u16() != case.expect[i] {
                failures.push(format!(
                    "{} {} as {role}: {} (expected {}) {}",
                    case.method, case.path, r.status, case.expect[i], r.json
                ));
            }
            if r.status.is_client_error() && !r.is_problem() {
                failures.push(format!(
                    "{} {} as {role}: {} is not problem+json",
                    case.method, case.path, r.status
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // What a stranger lists: nothing of the others'.
    let id = w.assessment(&h, false).await;
    let mine = h.get("/api/assessments", &w.stranger).await;
    assert!(
        !mine.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == id.as_str())
    );
    let theirs = h.get("/api/assessments", &w.reviewer).await;
    assert!(
        theirs.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == id.as_str())
    );
    // A reviewer does not see an assessment that was never submitted.
    let fresh = h.create(&w.author, &example("snelfietsroute")).await;
    assert_eq!(
        h.get(&format!("/api/assessments/{fresh}"), &w.reviewer)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A reviewer who edits an assessment cannot approve it (four eyes).
    let r = h
        .send(
            Method::POST,
            &format!("/api/assessments/{id}/shares"),
            Some(&w.author),
            Some(json!({"user": w.reviewer.id}).to_string()),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    h.review(&w.author, &id, "submit", 1, None).await;
    let r = h.review(&w.reviewer, &id, "approve", 1, None).await;
    assert_eq!(r.code(), "forbidden", "{}", r.json);
    h.finish().await;
}
both_backends!(every_role_and_endpoint_t, every_role_and_endpoint);

async fn guessed_ids_look_like_missing_ones(b: Backend) {
    let Some(h) = Harness::team(b).await else {
        return;
    };
    let w = World::new(&h).await;
    let id = w.assessment(&h, false).await;
    let hidden = h.get(&format!("/api/assessments/{id}"), &w.stranger).await;
    let mut guesses = vec![
        uuid_like(&id, 0),
        uuid_like(&id, 35),
        "00000000-0000-0000-0000-000000000001".to_string(),
        "1".to_string(),
        "../assessments".to_string(),
        "x".repeat(300),
    ];
    guesses.push(id.to_uppercase());
    for g in &guesses {
        let r = h
            .get(&format!("/api/assessments/{}", urlencode(g)), &w.stranger)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{g}");
        assert_eq!(
            r.json, hidden.json,
            "a missing id and a hidden one answer alike"
        );
        let r = h.save(&w.stranger, g, 1, &example("snelfietsroute")).await;
        assert!(
            r.status == StatusCode::NOT_FOUND || r.status == StatusCode::BAD_REQUEST,
            "{g}: {}",
            r.status
        );
    }
    // Changing someone else's assessment by its real id fails and leaves it as it was.
    let r = h
        .save(&w.stranger, &id, 1, &example("subsidie-buurtinitiatieven"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = h
        .send(
            Method::POST,
            &format!("/api/assessments/{id}/comments"),
            Some(&w.stranger),
            Some(json!({"body": "x"}).to_string()),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let now = h.get(&format!("/api/assessments/{id}"), &w.author).await;
    assert_eq!(now.json["version"], 1);
    assert_eq!(
        h.get(&format!("/api/assessments/{id}/comments"), &w.author)
            .await
            .json,
        json!([])
    );
    h.finish().await;
}
both_backends!(guessed_ids_t, guessed_ids_look_like_missing_ones);

async fn csrf_on_every_change(b: Backend) {
    let Some(h) = Harness::team(b).await else {
        return;
    };
    let w = World::new(&h).await;
    let id = w.assessment(&h, false).await;
    let mut no_csrf = w.admin.clone();
    no_csrf.csrf = String::new();
    let mut wrong = w.admin.clone();
    wrong.csrf = w.author.csrf.clone();
    for case in cases().into_iter().filter(|c| c.method != Method::GET) {
        let path = case
            .path
            .replace("{id}", &id)
            .replace("{editor}", &w.editor.id)
            .replace("{author}", &w.author.id)
            .replace("{other}", &w.other.id);
        for u in [&no_csrf, &wrong] {
            let r = h
                .send(
                    case.method.clone(),
                    &path,
                    Some(u),
                    case.body.as_ref().map(|b| b.to_string()),
                    &[("if-match", "\"1\"")],
                )
                .await;
            assert_eq!(
                (r.status, r.code()),
                (StatusCode::FORBIDDEN, "csrf"),
                "{} {}",
                case.method,
                case.path
            );
        }
    }
    // Nothing changed.
    let now = h.get(&format!("/api/assessments/{id}"), &w.author).await;
    assert_eq!(
        (now.json["version"].as_i64(), now.json["archived"].as_bool()),
        (Some(1), Some(false))
    );
    let r = h
        .send(Method::POST, "/auth/logout", Some(&no_csrf), None, &[])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    h.finish().await;
}
both_backends!(csrf_t, csrf_on_every_change);

/// An id like `id` with the character at `at` changed.
fn uuid_like(id: &str, at: usize) -> String {
    id.char_indices()
        .map(|(i, c)| {
            if i == at {
                if c == 'a' { 'b' } else { 'a' }
            } else {
                c
            }
        })
        .collect()
}

fn urlencode(s: &str) -> String {
    s.replace('/', "%2F").replace('.', "%2E")
}
