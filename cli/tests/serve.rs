//! `sociale-bril serve` as a process: it starts with no configuration; a SIGKILL in the middle
//! of saves loses no acknowledged save and leaves nothing half-written (SQLite and PostgreSQL);
//! login through a real OpenID Connect provider (panva's oidc-provider, started with Node).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A server process, killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(dir: &Path, args: &[&str]) -> Server {
        let port = free_port();
        let listen = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_sociale-bril"))
            .current_dir(dir)
            .args(["serve", "--listen", &listen])
            .args(args)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starts");
        let base = format!("http://{listen}");
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = client.get(format!("{base}/readyz")).send().await {
                if r.status().is_success() {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "the server did not become ready");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Server { child, base }
    }

    fn kill(&mut self) {
        // Child::kill sends SIGKILL on Unix: no shutdown code runs.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Any child process, killed when dropped (also when a test fails).
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn example() -> Value {
    let text =
        std::fs::read_to_string(root().join("rules/sociale-bril/examples/snelfietsroute.json"))
            .expect("example");
    serde_json::from_str(&text).expect("json")
}

async fn csrf(client: &reqwest::Client, base: &str) -> String {
    let s: Value = client
        .get(format!("{base}/api/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    s["csrf_token"].as_str().expect("csrf token").to_string()
}

#[tokio::test]
async fn starts_with_no_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]).await;
    let c = reqwest::Client::new();
    let s: Value = c
        .get(format!("{}/api/session", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(s["mode"], "single-user");
    assert_eq!(s["ruleset"]["id"], "sociale-bril");
    let page = c.get(format!("{}/", server.base)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'self' 'wasm-unsafe-eval'")
    );
    assert!(
        dir.path().join("sociale-bril.db").is_file(),
        "the default database is one SQLite file in the current folder"
    );
    // Single-user mode refuses to listen beyond the loopback interface.
    let out = Command::new(env!("CARGO_BIN_EXE_sociale-bril"))
        .current_dir(dir.path())
        .args(["serve", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback"));
}

/// The databases to run on: SQLite, and PostgreSQL when the test script provides one.
async fn databases(dir: &Path) -> Vec<(String, Option<(String, String)>)> {
    let mut v = vec![(dir.join("kill.db").display().to_string(), None)];
    match std::env::var("SOCIALE_BRIL_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => {
            let prefix =
                std::env::var("SOCIALE_BRIL_TEST_PG_PREFIX").unwrap_or_else(|_| "sbt".into());
            let name = format!("{prefix}_kill_{}", std::process::id());
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
                .await
                .expect("PostgreSQL");
            // The name is made of [a-z0-9_] here; database names cannot be bound parameters.
            sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create");
            let mut url = url::Url::parse(&admin).unwrap();
            url.set_path(&name);
            v.push((url.to_string(), Some((admin, name))));
        }
        _ => eprintln!(
            "skipped: PostgreSQL part (SOCIALE_BRIL_TEST_POSTGRES is not set; server/scripts/test.sh sets it)"
        ),
    }
    v
}

#[tokio::test]
async fn sigkill_during_saves_loses_no_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    for (db, pg) in databases(dir.path()).await {
        kill_and_restart(dir.path(), &db).await;
        if let Some((admin, name)) = pg {
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
                .await
                .unwrap();
            let _ = sqlx::Executor::execute(
                &mut conn,
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
            )
            .await;
        }
    }
}

async fn kill_and_restart(dir: &Path, db: &str) {
    let args = ["--database", db, "--rate-limit", "0"];
    let mut server = Server::start(dir, &args).await;
    let base = server.base.clone();
    let c = reqwest::Client::new();
    let token = csrf(&c, &base).await;
    let mut ids = Vec::new();
    for _ in 0..6 {
        let r: Value = c
            .post(format!("{base}/api/assessments"))
            .header("x-csrf-token", &token)
            .json(&example())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        ids.push(r["id"].as_str().unwrap().to_string());
    }
    // Saves on every assessment at once; each acknowledged one is written down.
    let acked: Arc<Mutex<Vec<(String, i64, String)>>> = Arc::default();
    let mut tasks = Vec::new();
    for id in ids.clone() {
        let (c, base, token, acked) = (c.clone(), base.clone(), token.clone(), acked.clone());
        tasks.push(tokio::spawn(async move {
            let mut version = 1;
            for n in 0.. {
                let title = format!("{id} save {n}");
                let mut p = example();
                p["title"] = json!(title);
                let sent = c
                    .put(format!("{base}/api/assessments/{id}"))
                    .header("x-csrf-token", &token)
                    .header("if-match", format!("\"{version}\""))
                    .json(&p)
                    .send()
                    .await;
                let Ok(resp) = sent else { return };
                if resp.status() != 200 {
                    return;
                }
                let Ok(body) = resp.json::<Value>().await else {
                    return;
                };
                version = body["version"].as_i64().unwrap();
                acked.lock().unwrap().push((id.clone(), version, title));
            }
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    while acked.lock().unwrap().len() < 120 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    for t in tasks {
        let _ = t.await;
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 20,
        "only {} saves before the kill",
        acked.len()
    );

    // Restart on the same database: every acknowledged save is there, exactly.
    let server = Server::start(dir, &args).await;
    let base = server.base.clone();
    for (id, v, title) in &acked {
        let r = c
            .get(format!("{base}/api/assessments/{id}/versions/{v}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "acknowledged save {id} v{v} is lost");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["proposal"]["title"], title.as_str());
    }
    // Nothing half-written: the versions of each assessment run 1..head without a gap, and
    // the assessment's summary is its head version's.
    let mut heads = BTreeMap::new();
    for id in &ids {
        let a: Value = c
            .get(format!("{base}/api/assessments/{id}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let head = a["version"].as_i64().unwrap();
        assert_eq!(a["title"], a["current"]["title"]);
        assert_eq!(a["current"]["number"], head);
        let versions: Value = c
            .get(format!("{base}/api/assessments/{id}/versions"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let numbers: Vec<i64> = versions
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["number"].as_i64().unwrap())
            .collect();
        assert_eq!(numbers, (1..=head).rev().collect::<Vec<_>>());
        heads.insert(id.clone(), head);
    }
    for (id, v, _) in &acked {
        assert!(heads[id] >= *v);
    }
}

/// Follows a browser's way through a login: redirects, and the provider's login and consent
/// forms. Returns the last response (the server's redirect back into the app).
async fn browse_login(c: &reqwest::Client, start: &str, login: &str) -> reqwest::Response {
    let mut url = url::Url::parse(start).unwrap();
    let mut form: Option<Vec<(String, String)>> = None;
    for _ in 0..20 {
        let resp = match form.take() {
            Some(f) => c.post(url.clone()).form(&f).send().await.unwrap(),
            None => c.get(url.clone()).send().await.unwrap(),
        };
        if resp.status().is_redirection() {
            let loc = resp.headers()["location"].to_str().unwrap().to_string();
            let next = url.join(&loc).unwrap();
            if next.path() == "/" || next.path().starts_with("/#") {
                return resp;
            }
            url = next;
            continue;
        }
        let status = resp.status();
        let html = resp.text().await.unwrap();
        assert_eq!(status, 200, "{html}");
        let action = html
            .split("action=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a form");
        url = url.join(action).unwrap();
        form = Some(if html.contains("name=\"login\"") {
            vec![
                ("prompt".into(), "login".into()),
                ("login".into(), login.into()),
                ("password".into(), "x".into()),
            ]
        } else {
            vec![("prompt".into(), "consent".into())]
        });
    }
    panic!("the login did not finish");
}

#[tokio::test]
async fn login_through_a_real_openid_connect_provider() {
    let oidc_dir = root().join("server/tests/oidc");
    if !oidc_dir.join("node_modules/oidc-provider").is_dir() {
        // server/scripts/test.sh installs it and then requires this test to run.
        assert!(
            std::env::var("SOCIALE_BRIL_TEST_OIDC").is_err(),
            "oidc-provider is not installed in server/tests/oidc"
        );
        eprintln!(
            "skipped: the OIDC login test (run server/scripts/test.sh to install oidc-provider)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (pport, sport) = (free_port(), free_port());
    let issuer = format!("http://127.0.0.1:{pport}");
    let public = format!("http://127.0.0.1:{sport}");
    let mut provider = Proc(
        Command::new("node")
            .current_dir(&oidc_dir)
            .args([
                "provider.mjs",
                &pport.to_string(),
                &format!("{public}/auth/callback"),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs"),
    );
    let mut out = BufReader::new(provider.0.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "ready");
    // Keep reading what the provider prints, so that it never writes into a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));

    let db = dir.path().join("team.db").display().to_string();
    let port = sport.to_string();
    let listen = format!("127.0.0.1:{port}");
    let _server = Proc(
        Command::new(env!("CARGO_BIN_EXE_sociale-bril"))
            .current_dir(dir.path())
            .args([
                "serve",
                "--listen",
                &listen,
                "--database",
                &db,
                "--public-url",
                &public,
            ])
            .args(["--oidc-issuer", &issuer, "--oidc-client-id", "sociale-bril"])
            .args([
                "--reviewer-groups",
                "sociale-agenda-review",
                "--admin-groups",
                "sb-admins,other",
            ])
            .env(
                "SOCIALE_BRIL_OIDC_CLIENT_SECRET",
                "test-secret-not-used-elsewhere",
            )
            .env("RUST_LOG", "warn")
            .spawn()
            .unwrap(),
    );
    let plain = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while plain.get(format!("{public}/readyz")).send().await.is_err() {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let client = || {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    };
    let session = |c: reqwest::Client| {
        let public = public.clone();
        async move {
            let v: Value = c
                .get(format!("{public}/api/session"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            v
        }
    };
    // Without a session the API answers 401 and tells where to log in.
    let anon = client();
    assert_eq!(
        anon.get(format!("{public}/api/assessments"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(session(anon.clone()).await["login_url"], "/auth/login");

    // Ann: no groups, no roles. The session cookie is HttpOnly and SameSite; plain http is
    // allowed on loopback, so not Secure.
    let ann = client();
    let back = browse_login(&ann, &format!("{public}/auth/login?return_to=/"), "ann").await;
    let cookie = back.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let s = session(ann.clone()).await;
    assert_eq!(s["user"]["name"], "Ann Tester");
    assert_eq!(s["user"]["roles"], json!([]));
    // Rita is a reviewer and Root an administrator, by their groups.
    let rita = client();
    browse_login(&rita, &format!("{public}/auth/login"), "rita").await;
    assert_eq!(
        session(rita.clone()).await["user"]["roles"],
        json!(["reviewer"])
    );
    let root_user = client();
    browse_login(&root_user, &format!("{public}/auth/login"), "root").await;
    assert_eq!(
        session(root_user.clone()).await["user"]["roles"],
        json!(["admin"])
    );

    // Ann's work is hers: Rita cannot see it until it is submitted.
    let token = session(ann.clone()).await["csrf_token"]
        .as_str()
        .unwrap()
        .to_string();
    let created: Value = ann
        .post(format!("{public}/api/assessments"))
        .header("x-csrf-token", &token)
        .json(&example())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        rita.get(format!("{public}/api/assessments/{id}"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // A used or made-up state is refused.
    let r = anon
        .get(format!("{public}/auth/callback?code=x&state=made-up"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    // The first admin by command: Ann is an admin from her next login on.
    let out = Command::new(env!("CARGO_BIN_EXE_sociale-bril"))
        .args([
            "admin",
            "add-admin",
            "--email",
            "ann@example.org",
            "--database",
            &db,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = client();
    browse_login(&again, &format!("{public}/auth/login"), "ann").await;
    assert_eq!(
        session(again.clone()).await["user"]["roles"],
        json!(["admin"])
    );

    // Logout ends the session.
    let r = ann
        .post(format!("{public}/auth/logout"))
        .header("x-csrf-token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(
        ann.get(format!("{public}/api/assessments"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}
