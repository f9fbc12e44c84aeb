//! The API against SQLite and PostgreSQL: assessments and versions, lost-update protection, the
//! review circuit, comments, the audit log, one user's data, limits and operations.

mod common;

use axum::http::{Method, StatusCode};
use common::{Backend, Harness, example, with_answer};
use serde_json::{Value, json};

async fn versions_and_listing(b: Backend) {
    let Some(h) = Harness::team(b).await else {
        return;
    };
    let ann = h.user("ann", false, false).await;
    let p = example("snelfietsroute");
    let id = h.create(&ann, &p).await;
    assert_eq!(id.len(), 36, "ids are UUIDs, not counters");

    let r = h.get(&format!("/api/assessments/{id}"), &ann).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.etag(), "\"1\"");
    assert_eq!(r.json["status"], "concept");
    assert_eq!(r.json["policy_area"], "mobility");
    assert_eq!(r.json["your_role"], "author");
    // The stored assessment is the core's, byte for byte.
    let rules = sociale_bril::Ruleset::default().unwrap();
    let core = rules
        .assess_json(&p.to_string())
        .unwrap()
        .to_canonical_json();
    let served =
        sociale_bril::canonical::canonicalize(&r.json["current"]["assessment"].to_string())
            .unwrap();
    assert_eq!(served, core);

    let p2 = with_answer(&p, "inclusie.doelgroepen-in-beeld", "nee");
    let r = h.save(&ann, &id, 1, &p2).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.etag(), "\"2\"");
    assert_eq!(
        r.json["current"]["proposal"]["answers"]["inclusie.doelgroepen-in-beeld"],
        "nee"
    );

    // Version 1 is unchanged and readable.
    let v1 = h
        .get(&format!("/api/assessments/{id}/versions/1"), &ann)
        .await;
    assert_eq!(
        v1.json["proposal"]["answers"]["inclusie.doelgroepen-in-beeld"],
        "ja"
    );
    assert_eq!(v1.json["author"]["name"], "ann");
    assert_eq!(v1.json["ruleset"]["id"], "sociale-bril");
    let list = h
        .get(&format!("/api/assessments/{id}/versions"), &ann)
        .await;
    let numbers: Vec<i64> = list
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, vec![2, 1]);
    assert_eq!(
        h.get(&format!("/api/assessments/{id}/versions/3"), &ann)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // The ruleset of a version can be fetched by its hash, and is the one the server serves.
    let hash = v1.json["ruleset"]["hash"].as_str().unwrap();
    let r = h.get(&format!("/api/rulesets/{hash}"), &ann).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, h.get("/api/ruleset", &ann).await.json);

    // Listing: filters, sort, pages.
    let mut q = example("subsidie-buurtinitiatieven");
    q["title"] = json!("A first title");
    let second = h.create(&ann, &q).await;
    let all = h.get("/api/assessments?sort=title", &ann).await;
    assert_eq!(all.json["total"], 2);
    assert_eq!(all.json["items"][0]["id"], second.as_str());
    let page = h
        .get("/api/assessments?sort=title&limit=1&offset=1", &ann)
        .await;
    assert_eq!(page.json["items"][0]["id"], id.as_str());
    assert_eq!(page.json["next_offset"], Value::Null);
    let first_page = h.get("/api/assessments?sort=title&limit=1", &ann).await;
    assert_eq!(first_page.json["next_offset"], 1);
    let mobility = h.get("/api/assessments?policy_area=mobility", &ann).await;
    assert_eq!(mobility.json["total"], 1);
    let rating = r.json["rating"].as_str().map(str::to_string);
    let _ = rating;
    let rated = h
        .get(
            &format!(
                "/api/assessments?rating={}",
                all.json["items"][1]["rating"].as_str().unwrap()
            ),
            &ann,
        )
        .await;
    assert!(
        rated.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == id.as_str())
    );
    assert_eq!(
        h.get("/api/assessments?status=in_review", &ann).await.json["total"],
        0
    );
    assert_eq!(
        h.get("/api/assessments?owner=me", &ann).await.json["total"],
        2
    );
    let bad = h.get("/api/assessments?sort=sideways", &ann).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.is_problem());
    assert_eq!(
        h.get("/api/assessments?limit=0", &ann).await.code(),
        "invalid-query"
    );

    // Archive: out of the list, still readable, back with restore.
    let r = h
        .send(
            Method::POST,
            &format!("/api/assessments/{id}/archive"),
            Some(&ann),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(h.get("/api/assessments", &ann).await.json["total"], 1);
    assert_eq!(
        h.get("/api/assessments?archived=true", &ann).await.json["items"][0]["id"],
        id.as_str()
    );
    let r = h.save(&ann, &id, 2, &p).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "archived"));
    h.send(
        Method::POST,
        &format!("/api/assessments/{id}/restore"),
        Some(&ann),
        None,
        &[],
    )
    .await;
    assert_eq!(h.get("/api/assessments", &ann).await.json["total"], 2);
    h.finish().await;
}
both_backends!(versions_and_listing_t, versions_and_listing);

async fn stale_saves_conflict(b: Backend) {
    let Some(h) = Harness::team(b).await else {
        return;
    };
    let ann = h.user("ann", false, false).await;
    let bob = h.user("bob", false, false).await;
    let cas = h.user("cas", false, false).await;
    let p = example("snelfietsroute");
    let id = h.create(&ann, &p).await;
    for u in [&bob, &cas] {
        let r = h
            .send(
                Method::POST,
                &format!("/api/assessments/{id}/shares"),
                Some(&ann),
                Some(json!({"user": u.id}).to_string()),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    }
    // All three read version 1; Ann saves first.
    let ann_p = with_answer(&p, "inclusie.ongelijkheid", "negatief");
    assert_eq!(h.save(&ann, &id, 1, &ann_p).await.status, StatusCode::OK);
    // Two stale saves: each gets 409 with the current version, nothing is overwritten.
    for u in [&bob, &cas] {
        let mine = with_answer(&p, "inclusie.betaalbaarheid", "negatief");
        let r = h.save(u, &id, 1, &mine).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.code(), "conflict");
        assert!(r.is_problem());
        assert_eq!(r.json["current"]["version"], 2);
        assert_eq!(
            r.json["current"]["current"]["proposal"]["answers"]["inclusie.ongelijkheid"],
            "negatief"
        );
    }
    let now = h.get(&format!("/api/assessments/{id}"), &ann).await;
    assert_eq!(now.json["version"], 2);
    assert_eq!(now.json["current"]["author"]["name"], "ann");
    // Bob merges onto version 2 and succeeds.
    let merged = with_answer(&ann_p, "inclusie.betaalbaarheid", "negatief");
    let r = h.save(&bob, &id, 2, &merged).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["version"], 3);
    let versions = h
        .get(&format!("/api/assessments/{id}/versions"), &ann)
        .await;
    assert_eq!(versions.json.as_array().unwrap().len(), 3);

    // A save must name its base; a proposal error names the JSON pointer the CLI reports.
    let r = h
        .send(
            Method::PUT,
            &format!("/api/assessments/{id}"),
            Some(&ann),
            Some(p.to_string()),
            &[],
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::PRECONDITION_REQUIRED, "if-match-required")
    );
    let bad = json!({"answers": {"inclusie.doelgroepen-in-beeld": "misschien"}});
    let r = h.save(&ann, &id, 3, &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let core = sociale_bril::Ruleset::default()
        .unwrap()
        .assess_json(&bad.to_string())
        .unwrap_err();
    assert_eq!(
        r.json["issues"][0]["pointer"],
        core.issues[0].pointer.as_str()
    );
    assert_eq!(r.json["issues"][0]["code"], core.issues[0].code);
    let r = h
        .send(
            Method::POST,
            "/api/assessments",
            Some(&ann),
            Some("{\"answers\": [".into()),
            &[],
        )
        .await;
    assert_eq!(r.code(), "invalid-proposal");
    assert_eq!(r.json["issues"][0]["line"], 1);
    assert_eq!(
        h.get(&format!("/api/assessments/{id}"), &ann).await.json["version"],
        3
    );
    h.finish().await;
}
both_backends!(stale_saves_conflict_t, stale_saves_conflict);

async fn two_processes_share_one_database(b: Backend) {
    let Some(one) = Harness::team(b).await else {
        return;
    };
    let two = one.sibling().await;
    // A session made through one process is valid in the other: no process state is needed.
    let ann = one.user("ann", false, false).await;
    let p = example("snelfietsroute");
    let id = one.create(&ann, &p).await;
    assert_eq!(
        two.get(&format!("/api/assessments/{id}"), &ann).await.json["version"],
        1
    );
    // Two saves on the same base through different processes: exactly one wins.
    let a = with_answer(&p, "inclusie.doelgroepen-in-beeld", "nee");
    let b2 = with_answer(&p, "inclusie.doelgroepen-in-beeld", "deels");
    let (ra, rb) = tokio::join!(one.save(&ann, &id, 1, &a), two.save(&ann, &id, 1, &b2));
    let mut statuses = vec![ra.status.as_u16(), rb.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, vec![200, 409]);
    let versions = one
        .get(&format!("/api/assessments/{id}/versions"), &ann)
        .await;
    assert_eq!(versions.json.as_array().unwrap().len(), 2);
    two.finish().await;
    one.finish().await;
}
both_backends!(two_processes_t, two_processes_share_one_database);

async fn review_circuit(b: Backend) {
    let Some(h) = Harness::team(b).await else {
        return;
    };
    let ann = h.user("ann", false, false).await;
    let rev = h.user("rev", true, false).await;
    let p = example("snelfietsroute");
    let id = h.create(&ann, &p).await;
    // Not submitted: a reviewer does not see it.
    assert_eq!(
        h.get(&format!("/api/assessments/{id}"), &rev).await.status,
        StatusCode::NOT_FOUND
    );
    let r = h.review(&ann, &id, "submit", 1, None).await;
    assert_eq!(r.json["status"], "in_review", "{}", r.json);
    // In review: no saves, the reviewer reads and comments.
    let r = h.save(&ann, &id, 1, &p).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "status"));
    assert_eq!(
        h.get(&format!("/api/assessments/{id}"), &rev).await.json["your_role"],
        "reviewer"
    );
    let c = json!({"item": "inclusie.doelgroepen-in-beeld", "body": "Welke doelgroepen precies?"});
    let r = h
        .send(
            Method::POST,
            &format!("/api/assessments/{id}/comments"),
            Some(&rev),
            Some(c.to_string()),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let c = json!({"item": "no.such-item", "body": "x"});
    let r = h
        .send(
            Method::POST,
            &format!("/api/assessments/{id}/comments"),
            Some(&rev),
            Some(c.to_string()),
            &[],
        )
        .await;
    assert_eq!(r.code(), "unknown-item");
    let r = h
        .send(
            Method::POST,
            &format!("/api/assessments/{id}/comments"),
            Some(&rev),
            Some(json!({"body": "  "}).to_string()),
            &[],
        )
        .await;
    assert_eq!(r.code(), "invalid-body");
    // The author cannot approve; the reviewer sends it back with reasons.
    assert_eq!(
        h.review(&ann, &id, "approve", 1, None).await.status,
        StatusCode::FORBIDDEN
    );
    let r = h.review(&rev, &id, "return", 1, None).await;
    assert_eq!(r.code(), "invalid-body");
    let r = h
        .review(
            &rev,
            &id,
            "return",
            1,
            Some(json!({"reason": "Doelgroepen uitwerken"})),
        )
        .await;
    assert_eq!(r.json["status"], "concept");
    let comments = h
        .get(&format!("/api/assessments/{id}/comments"), &ann)
        .await;
    let kinds: Vec<&str> = comments
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["comment", "return"]);
    assert_eq!(comments.json[0]["item"], "inclusie.doelgroepen-in-beeld");
    assert_eq!(comments.json[1]["body"], "Doelgroepen uitwerken");
    // Second round: save, submit, approve the version named.
    let p2 = with_answer(&p, "inclusie.doelgroepen-in-beeld", "ja");
    assert_eq!(h.save(&ann, &id, 1, &p2).await.status, StatusCode::OK);
    assert_eq!(
        h.review(&ann, &id, "submit", 1, None).await.code(),
        "conflict"
    );
    assert_eq!(
        h.review(&ann, &id, "submit", 2, None).await.status,
        StatusCode::OK
    );
    let r = h.review(&rev, &id, "approve", 2, None).await;
    assert_eq!(r.json["status"], "approved", "{}", r.json);
    assert_eq!(r.json["current"]["signed_off"]["by"]["name"], "rev");
    // A later change starts a new version and a new round; the signed version stays signed.
    let p3 = with_answer(&p2, "inclusie.betaalbaarheid", "negatief");
    let r = h.save(&ann, &id, 2, &p3).await;
    assert_eq!(
        (r.json["status"].as_str(), r.json["version"].as_i64()),
        (Some("concept"), Some(3))
    );
    let v2 = h
        .get(&format!("/api/assessments/{id}/versions/2"), &ann)
        .await;
    assert_eq!(v2.json["signed_off"]["by"]["id"], rev.id.as_str());
    assert_eq!(v2.json["proposal"], sociale_bril_json(&p2));
    // The audit log has every step, newest first.
    let log = h.get(&format!("/api/assessments/{id}/audit"), &ann).await;
    let actions: Vec<&str> = log
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec![
            "assessment.save",
            "review.approve",
            "review.submit",
            "assessment.save",
            "review.return",
            "comment.add",
            "review.submit",
            "assessment.create"
        ]
    );
    h.finish().await;
}
both_backends!(review_circuit_t, review_circuit);

/// The proposal as the server stores it (canonical JSON, read back as a value).
fn sociale_bril_json(p: &Value) -> Value {
    serde_json::from_str(&sociale_bril::canonical::canonicalize(&p.to_string()).unwrap()).unwrap()
}

async fn user_data_export_and_erasure(b: Backend) {
    let Some(h) = Harness::team(b).await else {
        return;
    };
    let ann = h.user("ann", false, false).await;
    let admin = h.user("root", false, true).await;
    let id = h.create(&ann, &example("snelfietsroute")).await;
    let r = h.get("/api/users/me/export", &ann).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["user"]["email"], "ann@example.org");
    assert_eq!(r.json["owned_assessments"][0], id.as_str());
    assert_eq!(r.json["versions"].as_array().unwrap().len(), 1);
    assert_eq!(
        h.get(&format!("/api/users/{}/export", admin.id), &ann)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        h.send(
            Method::POST,
            &format!("/api/users/{}/erase", admin.id),
            Some(&ann),
            None,
            &[]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let r = h
        .send(
            Method::POST,
            &format!("/api/users/{}/erase", ann.id),
            Some(&admin),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    // Her session ends; her versions stay under a pseudonym.
    assert_eq!(
        h.get("/api/assessments", &ann).await.status,
        StatusCode::UNAUTHORIZED
    );
    let v = h
        .get(&format!("/api/assessments/{id}/versions/1"), &admin)
        .await;
    assert_eq!(v.json["author"]["id"], ann.id.as_str());
    assert!(
        v.json["author"]["name"]
            .as_str()
            .unwrap()
            .starts_with("Erased user")
    );
    let e = h
        .get(&format!("/api/users/{}/export", ann.id), &admin)
        .await;
    assert_eq!(e.json["user"]["email"], Value::Null);
    assert_eq!(e.json["user"]["erased"], true);
    let audit = h.get("/api/audit", &admin).await;
    assert_eq!(
        (
            audit.json[0]["action"].as_str(),
            audit.json[1]["action"].as_str()
        ),
        (Some("user.export"), Some("user.erase"))
    );
    h.finish().await;
}
both_backends!(user_data_t, user_data_export_and_erasure);

async fn limits_and_operations(b: Backend) {
    let Some(h) = Harness::rate_limited(b, 5).await else {
        return;
    };
    let ann = h.user("ann", false, false).await;
    // A body over the limit is refused with a problem, before it is read.
    let big = format!(
        "{{\"title\": \"{}\"}}",
        "x".repeat(sociale_bril_server::engine::MAX_PROPOSAL_BYTES)
    );
    let r = h
        .send(Method::POST, "/api/assessments", Some(&ann), Some(big), &[])
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too-large")
    );
    assert!(r.is_problem());
    // Operations endpoints.
    let r = h.send(Method::GET, "/healthz", None, None, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        h.send(Method::GET, "/readyz", None, None, &[]).await.status,
        StatusCode::OK
    );
    let doc = h.send(Method::GET, "/openapi.json", None, None, &[]).await;
    assert!(doc.json["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc.json["paths"]["/api/assessments/{id}"]["put"].is_object());
    h.create(&ann, &example("snelfietsroute")).await;
    let m = h.send(Method::GET, "/metrics", None, None, &[]).await;
    assert_eq!(m.status, StatusCode::OK);
    // Security headers on every answer; unknown paths are problems too.
    let r = h.send(Method::GET, "/nothing/here", None, None, &[]).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "not-found"));
    assert!(
        r.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'")
    );
    h.finish().await;
}
both_backends!(limits_and_operations_t, limits_and_operations);

#[tokio::test]
async fn metrics_count_saves_and_conflicts() {
    let h = Harness::team(Backend::Sqlite).await.unwrap();
    let ann = h.user("ann", false, false).await;
    let p = example("snelfietsroute");
    let id = h.create(&ann, &p).await;
    h.save(&ann, &id, 1, &p).await;
    h.save(&ann, &id, 1, &p).await;
    let text = {
        use axum::body::Body;
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let req = axum::http::Request::get("/metrics")
            .header("host", "127.0.0.1")
            .body(Body::empty())
            .unwrap();
        let resp = h.router.clone().oneshot(req).await.unwrap();
        String::from_utf8(
            resp.into_body()
                .collect()
                .await
                .unwrap()
                .to_bytes()
                .to_vec(),
        )
        .unwrap()
    };
    assert!(text.contains("sociale_bril_saves_total 2"), "{text}");
    assert!(text.contains("sociale_bril_conflicts_total 1"), "{text}");
    assert!(text.contains("route=\"/api/assessments/{id}\""), "{text}");
    assert!(!text.contains(&id), "metrics name routes, never ids");
    h.finish().await;
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    use axum::body::Body;
    use axum::extract::ConnectInfo;
    use tower::ServiceExt;
    let h = Harness::rate_limited(Backend::Sqlite, 3).await.unwrap();
    let mut statuses = Vec::new();
    let mut last = None;
    for _ in 0..6 {
        let mut req = axum::http::Request::get("/api/session")
            .header("host", "127.0.0.1")
            .body(Body::empty())
            .unwrap();
        req.extensions_mut()
            .insert(ConnectInfo(std::net::SocketAddr::from((
                [127, 0, 0, 1],
                4000,
            ))));
        let resp = h.router.clone().oneshot(req).await.unwrap();
        statuses.push(resp.status().as_u16());
        last = Some(resp);
    }
    assert_eq!(&statuses[..3], &[200, 200, 200]);
    assert_eq!(statuses[5], 429);
    let last = last.unwrap();
    assert_eq!(last.headers()["content-type"], "application/problem+json");
    assert!(last.headers().contains_key("retry-after"));
    h.finish().await;
}

#[tokio::test]
async fn single_user_mode_needs_no_login_but_a_csrf_token_and_a_loopback_host() {
    let h = Harness::single_user(Backend::Sqlite).await.unwrap();
    let s = h.send(Method::GET, "/api/session", None, None, &[]).await;
    assert_eq!(s.json["mode"], "single-user");
    let csrf = s.json["csrf_token"].as_str().unwrap().to_string();
    let p = example("snelfietsroute").to_string();
    let r = h
        .send(Method::POST, "/api/assessments", None, Some(p.clone()), &[])
        .await;
    assert_eq!((r.status, r.code()), (StatusCode::FORBIDDEN, "csrf"));
    let r = h
        .send(
            Method::POST,
            "/api/assessments",
            None,
            Some(p.clone()),
            &[("x-csrf-token", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = h
        .send(
            Method::POST,
            "/api/assessments",
            None,
            Some(p),
            &[("x-csrf-token", &csrf), ("origin", "https://evil.example")],
        )
        .await;
    assert_eq!((r.status, r.code()), (StatusCode::FORBIDDEN, "csrf"));
    // A request that names another host (DNS rebinding) is refused.
    use axum::body::Body;
    use tower::ServiceExt;
    let req = axum::http::Request::get("/api/session")
        .header("host", "evil.example:8080")
        .body(Body::empty())
        .unwrap();
    let resp = h.router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    h.finish().await;
}
