//! Test harness: the application's router on a fresh database (an SQLite file, or a PostgreSQL
//! database of its own), users with sessions, and requests that return status, headers and JSON.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use sociale_bril_server::app::{AppState, Metrics, Mode};
use sociale_bril_server::auth::{cookie_name, random_token, token_hash};
use sociale_bril_server::db::{Db, LoginIdentity, now_us};
use sociale_bril_server::engine::Engine;
use tower::ServiceExt;

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server to test against (a URL of a database to connect to for creating test
/// databases), from `SOCIALE_BRIL_TEST_POSTGRES`.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("SOCIALE_BRIL_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A running application on a fresh database.
pub struct Harness {
    pub router: Router,
    pub state: Arc<AppState>,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
    url: String,
}

/// A signed-in user.
#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub cookie: String,
    pub csrf: String,
}

/// A response.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
}

impl Resp {
    pub fn etag(&self) -> String {
        self.headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }

    pub fn code(&self) -> &str {
        self.json["code"].as_str().unwrap_or("")
    }

    pub fn is_problem(&self) -> bool {
        self.headers
            .get("content-type")
            .is_some_and(|v| v == "application/problem+json")
    }
}

/// A test database: a file in a temporary folder, or a new PostgreSQL database. `None` when the
/// PostgreSQL part cannot run here (the reason is printed).
pub async fn database(
    backend: Backend,
) -> Option<(String, Option<tempfile::TempDir>, Option<(String, String)>)> {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().ok()?;
            let path = dir.path().join("test.db");
            Some((path.display().to_string(), Some(dir), None))
        }
        Backend::Postgres => {
            let Some(admin) = postgres_admin_url() else {
                eprintln!(
                    "skipped: PostgreSQL part (SOCIALE_BRIL_TEST_POSTGRES is not set; server/scripts/test.sh sets it)"
                );
                return None;
            };
            let prefix =
                std::env::var("SOCIALE_BRIL_TEST_PG_PREFIX").unwrap_or_else(|_| "sbt".into());
            let name = format!("{prefix}_{}", uuid_simple());
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
                .await
                .expect("connect to PostgreSQL");
            // Database names cannot be bound parameters; this one is made of [a-z0-9_] above.
            sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create test database");
            let mut url = url::Url::parse(&admin).expect("postgres url");
            url.set_path(&name);
            Some((url.to_string(), None, Some((admin, name))))
        }
    }
}

fn uuid_simple() -> String {
    random_token()[..16].to_string()
}

impl Harness {
    /// The application in team mode (sessions made by [`Harness::user`]).
    pub async fn team(backend: Backend) -> Option<Harness> {
        Self::with(backend, 0).await
    }

    /// A second application (another "process": its own pool and state) on the same database.
    pub async fn sibling(&self) -> Harness {
        let url = self.url.clone();
        let db = Db::connect(&url, 4).await.expect("connect");
        let mode = Mode::Team {
            oidc: None,
            secure: false,
        };
        let mut h = Self::build(db, mode, 0, None, None).await;
        h.url = url;
        h
    }

    /// The application with a rate limit per client.
    pub async fn rate_limited(backend: Backend, per_second: u32) -> Option<Harness> {
        Self::with(backend, per_second).await
    }

    /// The application in single-user mode.
    pub async fn single_user(backend: Backend) -> Option<Harness> {
        let (url, dir, pg) = database(backend).await?;
        let db = Db::connect(&url, 4).await.expect("connect");
        let user = db.local_user().await.expect("local user");
        let csrf = db.setting("local_csrf", random_token).await.expect("csrf");
        let mut h = Self::build(db, Mode::SingleUser { user, csrf }, 0, dir, pg).await;
        h.url = url;
        Some(h)
    }

    async fn with(backend: Backend, rate: u32) -> Option<Harness> {
        let (url, dir, pg) = database(backend).await?;
        let db = Db::connect(&url, 4).await.expect("connect");
        let mode = Mode::Team {
            oidc: None,
            secure: false,
        };
        let mut h = Self::build(db, mode, rate, dir, pg).await;
        h.url = url;
        Some(h)
    }

    async fn build(
        db: Db,
        mode: Mode,
        rate: u32,
        dir: Option<tempfile::TempDir>,
        pg: Option<(String, String)>,
    ) -> Harness {
        let engine = Engine::load(None).expect("ruleset");
        db.remember_ruleset(&engine.identity(), engine.ruleset_json())
            .await
            .expect("ruleset stored");
        let state = Arc::new(AppState {
            db,
            engine,
            mode,
            session_ttl: Duration::from_secs(3600),
            public_origin: None,
            metrics: Metrics::new(),
            limiter: sociale_bril_server::app::limiter(rate, rate),
            trust_proxy: false,
            app_dir: None,
            max_body: sociale_bril_server::engine::MAX_PROPOSAL_BYTES,
        });
        Harness {
            router: sociale_bril_server::app::router(state.clone()),
            state,
            _dir: dir,
            pg,
            url: String::new(),
        }
    }

    /// A user who signed in through the identity provider with these groups' roles.
    pub async fn user(&self, name: &str, reviewer: bool, admin: bool) -> User {
        let id = self
            .state
            .db
            .login_user(&LoginIdentity {
                issuer: "https://idp.test".into(),
                subject: format!("sub-{name}"),
                name: name.into(),
                email: Some(format!("{name}@example.org")),
                admin,
                reviewer,
            })
            .await
            .expect("login");
        let token = random_token();
        let csrf = random_token();
        self.state
            .db
            .create_session(&token_hash(&token), &id, &csrf, now_us() + 3_600_000_000)
            .await
            .expect("session");
        User {
            id,
            cookie: format!("{}={token}", cookie_name(false)),
            csrf,
        }
    }

    /// Sends a request as `user` (with the CSRF token unless `csrf` is false).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        user: Option<&User>,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> Resp {
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "127.0.0.1:8080");
        if let Some(u) = user {
            b = b
                .header("cookie", &u.cookie)
                .header("x-csrf-token", &u.csrf);
        }
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let body = match body {
            Some(s) => {
                b = b.header("content-type", "application/json");
                Body::from(s)
            }
            None => Body::empty(),
        };
        let resp = self
            .router
            .clone()
            .oneshot(b.body(body).expect("request"))
            .await
            .expect("response");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Resp {
            status,
            headers,
            json,
        }
    }

    pub async fn get(&self, path: &str, user: &User) -> Resp {
        self.send(Method::GET, path, Some(user), None, &[]).await
    }

    /// Creates an assessment; returns its id.
    pub async fn create(&self, user: &User, proposal: &Value) -> String {
        let r = self
            .send(
                Method::POST,
                "/api/assessments",
                Some(user),
                Some(proposal.to_string()),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.json);
        r.json["id"].as_str().expect("id").to_string()
    }

    /// Saves a proposal on top of version `base`.
    pub async fn save(&self, user: &User, id: &str, base: i64, proposal: &Value) -> Resp {
        let tag = format!("\"{base}\"");
        self.send(
            Method::PUT,
            &format!("/api/assessments/{id}"),
            Some(user),
            Some(proposal.to_string()),
            &[("if-match", tag.as_str())],
        )
        .await
    }

    /// A review step on version `base`.
    pub async fn review(
        &self,
        user: &User,
        id: &str,
        step: &str,
        base: i64,
        body: Option<Value>,
    ) -> Resp {
        let tag = format!("\"{base}\"");
        self.send(
            Method::POST,
            &format!("/api/assessments/{id}/review/{step}"),
            Some(user),
            body.map(|b| b.to_string()),
            &[("if-match", tag.as_str())],
        )
        .await
    }

    /// Drops a PostgreSQL test database.
    pub async fn finish(self) {
        let Harness {
            state, pg, router, ..
        } = self;
        drop(router);
        state.db.close().await;
        drop(state);
        if let Some((admin, name)) = pg {
            if let Ok(mut conn) = <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await {
                let _ = sqlx::Executor::execute(
                    &mut conn,
                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                )
                .await;
            }
        }
    }
}

/// An example proposal from the default ruleset's examples.
pub fn example(name: &str) -> Value {
    let path = format!(
        "{}/../rules/sociale-bril/examples/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("example")).expect("json")
}

/// The proposal with one answer changed.
pub fn with_answer(p: &Value, item: &str, answer: &str) -> Value {
    let mut p = p.clone();
    p["answers"][item] = Value::String(answer.into());
    p
}

/// Runs a test body on SQLite and on PostgreSQL (when reachable).
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:ident) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                $body(common::Backend::Sqlite).await;
            }
            #[tokio::test]
            async fn postgres() {
                $body(common::Backend::Postgres).await;
            }
        }
    };
}
