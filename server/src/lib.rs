//! # The Sociale Bril team server
//!
//! `sociale-bril serve`: shared assessments in a database (SQLite by default, PostgreSQL for an
//! organisation), immutable versions, optimistic concurrency (ETag / If-Match), a review circuit
//! with sign-off, comments, sharing, an audit log, OpenID Connect login, and the checklist app's
//! files. The core crate does every assessment; this crate stores, shares and serves them.
//!
//! - [`engine`]: the one adapter to the core crate.
//! - [`db`]: the data layer (sqlx, one set of queries for both databases).
//! - [`api`], [`auth`], [`oidc`]: the HTTP API, sessions and login.
//! - [`app`]: the router and the layers every request passes.
//!
//! See docs/server.md for the API, the roles and operations.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod app;
pub mod auth;
pub mod db;
pub mod engine;
pub mod model;
pub mod oidc;
pub mod problem;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::app::{AppState, Metrics, Mode};
use crate::db::Db;
use crate::engine::Engine;

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The ruleset could not be loaded.
    #[error(transparent)]
    Ruleset(#[from] sociale_bril::RulesetError),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] db::DbError),
    /// The identity provider could not be set up.
    #[error(transparent)]
    Oidc(#[from] oidc::OidcError),
    /// The settings do not fit together.
    #[error("{0}")]
    Config(String),
    /// Listening or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Log output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line (for log collectors).
    Json,
}

/// `sociale-bril serve`: every setting is a flag and an environment variable.
#[derive(Clone, Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on. Without an identity provider (single-user mode) it must be a
    /// loopback address.
    #[arg(long, env = "SOCIALE_BRIL_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Database: an SQLite file path (created if missing), sqlite://FILE, or
    /// postgres://user@host/db.
    #[arg(long, env = "SOCIALE_BRIL_DATABASE", default_value = "sociale-bril.db")]
    pub database: String,
    /// Folder with the built checklist app (bindings-wasm/web/dist). Default: the app installed
    /// next to the program (../share/sociale-bril/app), else bindings-wasm/web/dist under the
    /// current folder, else none (the API only).
    #[arg(long, env = "SOCIALE_BRIL_APP", value_name = "DIR")]
    pub app: Option<PathBuf>,
    /// The address users reach the server at (https://… in team mode; the login's redirect
    /// goes to PUBLIC_URL/auth/callback).
    #[arg(long, env = "SOCIALE_BRIL_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The organisation's OpenID Connect issuer. Given: team mode with login; not given:
    /// single-user mode (no login, loopback only).
    #[arg(long, env = "SOCIALE_BRIL_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    /// The client id registered at the identity provider.
    #[arg(
        long,
        env = "SOCIALE_BRIL_OIDC_CLIENT_ID",
        default_value = "sociale-bril"
    )]
    pub oidc_client_id: String,
    /// The client secret (prefer the environment variable; a public client with PKCE needs none).
    #[arg(long, env = "SOCIALE_BRIL_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,
    /// The claim (in the ID token or from userinfo) that lists the user's groups.
    #[arg(long, env = "SOCIALE_BRIL_GROUPS_CLAIM", default_value = "groups")]
    pub groups_claim: String,
    /// Groups whose members are reviewers (comma-separated).
    #[arg(long, env = "SOCIALE_BRIL_REVIEWER_GROUPS", value_delimiter = ',')]
    pub reviewer_groups: Vec<String>,
    /// Groups whose members are administrators (comma-separated).
    #[arg(long, env = "SOCIALE_BRIL_ADMIN_GROUPS", value_delimiter = ',')]
    pub admin_groups: Vec<String>,
    /// How long a login lasts, in hours.
    #[arg(long, env = "SOCIALE_BRIL_SESSION_HOURS", default_value_t = 10)]
    pub session_hours: u64,
    /// Database connections of this process (default: 8 for SQLite, 10 for PostgreSQL).
    #[arg(long, env = "SOCIALE_BRIL_DB_CONNECTIONS")]
    pub db_connections: Option<u32>,
    /// Requests per second per client address on /api and /auth (0: no limit).
    #[arg(long, env = "SOCIALE_BRIL_RATE_LIMIT", default_value_t = 50)]
    pub rate_limit: u32,
    /// Burst of requests a client may make above the rate.
    #[arg(long, env = "SOCIALE_BRIL_RATE_BURST", default_value_t = 200)]
    pub rate_burst: u32,
    /// Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it).
    #[arg(long, env = "SOCIALE_BRIL_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Log format.
    #[arg(long, env = "SOCIALE_BRIL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// `sociale-bril admin …`: tasks on the server's database.
#[derive(Clone, Debug, clap::Subcommand)]
pub enum AdminCommand {
    /// Make someone an administrator when they sign in (the first admin of an installation).
    AddAdmin {
        /// Their e-mail address, as the identity provider verifies it.
        #[arg(long, required_unless_present = "subject", conflicts_with = "subject")]
        email: Option<String>,
        /// Their subject (`sub`) at the identity provider.
        #[arg(long)]
        subject: Option<String>,
        /// The server's database.
        #[arg(long, env = "SOCIALE_BRIL_DATABASE", default_value = "sociale-bril.db")]
        database: String,
    },
}

/// Sets up logging (RUST_LOG filters; default `info`).
pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// Where the app's files are: the flag, else next to the program, else the source tree's build.
fn app_dir(flag: Option<&Path>) -> Result<Option<PathBuf>, ServerError> {
    if let Some(dir) = flag {
        if !dir.join("index.html").is_file() {
            return Err(ServerError::Config(format!(
                "--app {}: no index.html there (build the app with bindings-wasm/scripts/build.sh)",
                dir.display()
            )));
        }
        return Ok(Some(dir.to_path_buf()));
    }
    let installed = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(|p| p.join("../share/sociale-bril/app")));
    let candidates = installed
        .into_iter()
        .chain(std::iter::once(PathBuf::from("bindings-wasm/web/dist")));
    for dir in candidates {
        if dir.join("index.html").is_file() {
            return Ok(Some(dir));
        }
    }
    Ok(None)
}

/// Builds the application state from the settings: opens (and migrates) the database, loads
/// the ruleset and records it, and sets up login.
pub async fn state(args: &ServeArgs, rules: Option<&Path>) -> Result<Arc<AppState>, ServerError> {
    let engine = Engine::load(rules)?;
    let (_, backend) = db::normalize_url(&args.database)?;
    let connections = args.db_connections.unwrap_or(match backend {
        db::Backend::Sqlite => 8,
        db::Backend::Postgres => 10,
    });
    let db = Db::connect(&args.database, connections).await?;
    db.remember_ruleset(&engine.identity(), engine.ruleset_json())
        .await?;
    let public = match &args.public_url {
        Some(u) => Some(
            url::Url::parse(u)
                .map_err(|e| ServerError::Config(format!("--public-url {u}: {e}")))?,
        ),
        None => None,
    };
    let mode = match &args.oidc_issuer {
        None => {
            if !args.listen.ip().is_loopback() {
                return Err(ServerError::Config(format!(
                    "single-user mode (no --oidc-issuer) listens on a loopback address only, not {}; \
                     configure an identity provider to serve a team",
                    args.listen
                )));
            }
            let user = db.local_user().await?;
            let csrf = db.setting("local_csrf", auth::random_token).await?;
            Mode::SingleUser { user, csrf }
        }
        Some(issuer) => {
            let Some(public) = &public else {
                return Err(ServerError::Config(
                    "team mode needs --public-url (the address users reach the server at)".into(),
                ));
            };
            let secure = public.scheme() == "https";
            let loopback = public
                .host_str()
                .is_some_and(|h| app::loopback_host(h) || h == "[::1]");
            if !secure && !loopback {
                return Err(ServerError::Config(format!(
                    "--public-url {public}: plain http is allowed on loopback only; serve https \
                     (a reverse proxy with TLS, see docs/server.md)"
                )));
            }
            let redirect = public
                .join("auth/callback")
                .map_err(|e| ServerError::Config(e.to_string()))?;
            let oidc = oidc::Oidc::discover(
                issuer,
                &args.oidc_client_id,
                args.oidc_client_secret.as_deref(),
                redirect.as_str(),
                oidc::GroupMapping {
                    claim: args.groups_claim.clone(),
                    reviewer: args.reviewer_groups.clone(),
                    admin: args.admin_groups.clone(),
                },
            )
            .await?;
            Mode::Team {
                oidc: Some(Box::new(oidc)),
                secure,
            }
        }
    };
    let public_origin = public.map(|u| u.origin().ascii_serialization());
    Ok(Arc::new(AppState {
        db,
        engine,
        mode,
        session_ttl: Duration::from_secs(args.session_hours.clamp(1, 24 * 30) * 3600),
        public_origin,
        metrics: Metrics::new(),
        limiter: app::limiter(args.rate_limit, args.rate_burst),
        trust_proxy: args.trust_proxy,
        app_dir: app_dir(args.app.as_deref())?,
        max_body: engine::MAX_PROPOSAL_BYTES,
    }))
}

/// Runs `sociale-bril serve` until SIGINT or SIGTERM; requests in flight are finished first.
pub async fn serve(args: ServeArgs, rules: Option<&Path>) -> Result<(), ServerError> {
    init_logging(args.log_format);
    let state = state(&args, rules).await?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| ServerError::Config(format!("cannot listen on {}: {e}", args.listen)))?;
    let addr = listener.local_addr()?;
    let mode = match state.mode {
        Mode::SingleUser { .. } => "single-user mode, no login",
        Mode::Team { .. } => "team mode, OpenID Connect login",
    };
    let backend = match state.db.backend() {
        db::Backend::Sqlite => "SQLite",
        db::Backend::Postgres => "PostgreSQL",
    };
    tracing::info!(
        %addr,
        mode,
        database = backend,
        app = state.app_dir.as_ref().map(|d| d.display().to_string()).unwrap_or_else(|| "not built".into()),
        "Sociale Bril serving on http://{addr}/"
    );
    app::spawn_limiter_sweeper(&state);
    let router = app::router(state.clone());
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    state.db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Runs an admin task.
pub async fn admin(cmd: AdminCommand) -> Result<String, ServerError> {
    match cmd {
        AdminCommand::AddAdmin {
            email,
            subject,
            database,
        } => {
            let db = Db::connect(&database, 1).await?;
            let (kind, value) = match (email, subject) {
                (Some(e), _) => ("email", e),
                (None, Some(s)) => ("subject", s),
                (None, None) => {
                    return Err(ServerError::Config("give --email or --subject".into()));
                }
            };
            db.grant_admin(kind, &value).await?;
            db.audit(
                None,
                "admin.grant",
                None,
                Some(&serde_json::json!({ "kind": kind }).to_string()),
            )
            .await?;
            db.close().await;
            Ok(format!(
                "{value} is an administrator from their next sign-in on ({})",
                db::redact(&database)
            ))
        }
    }
}

/// Runs a future on a new multi-threaded runtime (for the CLI, which is not async).
pub fn block_on<F: std::future::Future>(f: F) -> Result<F::Output, ServerError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    Ok(rt.block_on(f))
}
