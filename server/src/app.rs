//! The router: the API, login, the checklist app's files, health and metrics, with the layers
//! every request passes (size and rate limits, security headers, metrics, logs).

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use tower_http::services::ServeDir;
use utoipa::OpenApi;

use crate::db::Db;
use crate::engine::Engine;
use crate::oidc::Oidc;
use crate::problem::ApiError;

/// The Content-Security-Policy of the checklist app (as strict as `bindings-wasm/scripts/serve.mjs`).
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; \
     font-src 'self'; connect-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'none'; frame-ancestors 'none'";

/// How the server knows who is asking.
#[derive(Clone, Debug)]
pub enum Mode {
    /// A laptop: no login, one local user, loopback only.
    SingleUser {
        /// The local user's id.
        user: String,
        /// The installation's CSRF token.
        csrf: String,
    },
    /// An organisation: OpenID Connect login.
    Team {
        /// The identity provider (none only in tests that make sessions themselves).
        oidc: Option<Box<Oidc>>,
        /// Whether cookies are Secure (https).
        secure: bool,
    },
}

/// Everything a request handler needs. Nothing here is state another server process would
/// need: sessions, logins and data are in the database.
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The ruleset.
    pub engine: Engine,
    /// Login mode.
    pub mode: Mode,
    /// Session lifetime.
    pub session_ttl: Duration,
    /// The public origin (`https://host`), when configured.
    pub public_origin: Option<String>,
    /// Counters for /metrics.
    pub metrics: Metrics,
    /// Per-client rate limit (none when disabled).
    pub limiter: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    /// Take the client address from `X-Forwarded-For` (behind a reverse proxy).
    pub trust_proxy: bool,
    /// The checklist app's folder.
    pub app_dir: Option<PathBuf>,
    /// The largest request body, in bytes.
    pub max_body: usize,
}

impl AppState {
    /// Whether a request's `Origin` is this server's own.
    pub fn origin_allowed(&self, origin: &str, headers: &HeaderMap) -> bool {
        if let Some(own) = &self.public_origin {
            return origin == own;
        }
        // No public URL configured: the origin must name the host the request was sent to.
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        origin == format!("http://{host}") || origin == format!("https://{host}")
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

/// The server's Prometheus metrics.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    saves: Counter,
    conflicts: Counter,
    in_flight: Arc<AtomicU64>,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    /// A fresh registry.
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("sociale_bril");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new([
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            ])
        });
        let saves = Counter::default();
        let conflicts = Counter::default();
        registry.register(
            "http_requests",
            "HTTP requests by route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer, by route",
            latency.clone(),
        );
        registry.register("saves", "Versions saved", saves.clone());
        registry.register(
            "conflicts",
            "Saves refused as stale (409)",
            conflicts.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            saves,
            conflicts,
            in_flight: Arc::new(AtomicU64::new(0)),
        }
    }

    /// A version was saved.
    pub fn saved(&self) {
        self.saves.inc();
    }

    /// A save was stale.
    pub fn conflict(&self) {
        self.conflicts.inc();
    }

    fn encode(&self) -> String {
        let mut out = String::new();
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(
    components(schemas(
        crate::problem::Problem,
        crate::problem::ProposalProblem,
        crate::api::ReviewStep,
        crate::model::Sort,
        crate::model::Status
    )),
    info(
        title = "Sociale Bril server",
        description = "Shared assessments with versions, review and sign-off. Errors are \
            application/problem+json with a stable `code`. Requests that change something need \
            the `X-CSRF-Token` header from `GET /api/session`; saves and review steps need \
            `If-Match` with the assessment's `ETag`.",
        license(name = "EUPL-1.2")
    ),
    tags(
        (name = "assessments", description = "Assessments and their immutable versions"),
        (name = "review", description = "The review circuit and comments"),
        (name = "sharing", description = "Colleagues an assessment is shared with"),
        (name = "audit", description = "The audit log"),
        (name = "users", description = "One user's data (AVG)"),
        (name = "session", description = "Who is signed in"),
        (name = "ruleset", description = "The ruleset(s) the server scores with"),
    )
)]
struct ApiDoc;

/// The OpenAPI document and the API router.
pub fn api() -> (Router<Arc<AppState>>, utoipa::openapi::OpenApi) {
    utoipa_axum::router::OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::api::routes())
        .split_for_parts()
}

/// The whole application.
pub fn router(state: Arc<AppState>) -> Router {
    let (api, doc) = api();
    let doc = Arc::new(doc.to_pretty_json().unwrap_or_default());
    let api = api
        .route("/auth/login", get(crate::auth::login))
        .route("/auth/callback", get(crate::auth::callback))
        .route("/auth/logout", post(crate::auth::logout))
        .route_layer(middleware::from_fn_with_state(state.clone(), metered))
        .layer(middleware::from_fn_with_state(state.clone(), rate_limited))
        .layer(DefaultBodyLimit::max(state.max_body))
        .layer(middleware::from_fn_with_state(state.clone(), body_size));
    let app = match &state.app_dir {
        Some(dir) => Router::new().fallback_service(
            ServeDir::new(dir)
                .append_index_html_on_directories(true)
                .fallback(get(not_found)),
        ),
        None => Router::new().route("/", get(no_app)).fallback(not_found),
    };
    Router::new()
        .merge(api)
        .route("/openapi.json", get(move || openapi(doc.clone())))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics))
        .merge(app)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        // A bug must not take a connection down without an answer: 500 as a problem.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            tracing::error!("a request handler panicked");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the server could not complete the request; the error is logged",
            )
            .into_response()
        }))
        .with_state(state)
}

async fn openapi(doc: Arc<String>) -> Response {
    let mut r = doc.to_string().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

async fn not_found() -> ApiError {
    ApiError::not_found()
}

/// The page at `/` when no app folder is configured.
async fn no_app() -> Response {
    let page = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Sociale Bril server</title>\
        <h1>Sociale Bril server</h1><p>The API is running (<a href=\"/openapi.json\">/openapi.json</a>). \
        The checklist app is not built: run <code>bindings-wasm/scripts/build.sh</code> and start the \
        server with <code>--app bindings-wasm/web/dist</code>.</p></html>";
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

async fn ready(State(state): State<Arc<AppState>>) -> Response {
    match state.db.ping().await {
        Ok(()) => "ready\n".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response()
        }
    }
}

async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    let mut body = state.metrics.encode();
    // One gauge by hand: requests being answered now.
    body = body.replace(
        "# EOF\n",
        &format!(
            "# HELP sociale_bril_requests_in_flight Requests being answered.\n# TYPE sociale_bril_requests_in_flight gauge\nsociale_bril_requests_in_flight {}\n# EOF\n",
            state.metrics.in_flight.load(Ordering::Relaxed)
        ),
    );
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

/// Every response: security headers; in single-user mode, only requests addressed to the
/// loopback host (so that no other site can reach the server through DNS rebinding).
async fn guard(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if matches!(state.mode, Mode::SingleUser { .. }) {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !loopback_host(host) {
            return ApiError::forbidden(
                "bad-host",
                "single-user mode answers only requests to 127.0.0.1, [::1] or localhost",
            )
            .into_response();
        }
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert("content-security-policy", HeaderValue::from_static(CSP));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-embedder-policy",
        HeaderValue::from_static("require-corp"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    resp
}

/// Whether a Host header names the loopback interface.
pub fn loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A body that says it is too large is refused before it is read.
async fn body_size(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.max_body as u64) {
        return ApiError::too_large(state.max_body).into_response();
    }
    next.run(req).await
}

/// The client's address, for the rate limit.
fn client_ip(req: &Request, trust_proxy: bool) -> Option<IpAddr> {
    if trust_proxy {
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
}

async fn rate_limited(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if let (Some(limiter), Some(ip)) = (&state.limiter, client_ip(&req, state.trust_proxy)) {
        if let Err(not_until) = limiter.check_key(&ip) {
            let wait = not_until
                .wait_time_from(governor::clock::Clock::now(
                    &governor::clock::DefaultClock::default(),
                ))
                .as_secs()
                .max(1);
            return ApiError::rate_limited(wait).into_response();
        }
    }
    next.run(req).await
}

/// A rate limiter of `per_second` requests per client, with bursts of `burst`.
pub fn limiter(per_second: u32, burst: u32) -> Option<Arc<DefaultKeyedRateLimiter<IpAddr>>> {
    let rate = NonZeroU32::new(per_second)?;
    let burst = NonZeroU32::new(burst.max(per_second)).unwrap_or(rate);
    Some(Arc::new(RateLimiter::keyed(
        Quota::per_second(rate).allow_burst(burst),
    )))
}

/// Counts requests and times them, by route template (never by concrete path, which would
/// hold ids), and logs each one without personal data.
async fn metered(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let method = req.method().clone();
    let start = Instant::now();
    state.metrics.in_flight.fetch_add(1, Ordering::Relaxed);
    let resp = next.run(req).await;
    state.metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
    let secs = start.elapsed().as_secs_f64();
    let status = resp.status().as_u16();
    state
        .metrics
        .requests
        .get_or_create(&RequestLabels {
            method: method.to_string(),
            route: route.clone(),
            status,
        })
        .inc();
    state
        .metrics
        .latency
        .get_or_create(&RouteLabels {
            route: route.clone(),
        })
        .observe(secs);
    if method != Method::GET || status >= 400 {
        tracing::info!(%method, route, status, ms = secs * 1000.0, "request");
    } else {
        tracing::debug!(%method, route, status, ms = secs * 1000.0, "request");
    }
    resp
}

/// Removes the rate limiter's idle clients now and then, so its memory stays flat.
pub fn spawn_limiter_sweeper(state: &Arc<AppState>) {
    if let Some(l) = state.limiter.clone() {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                l.retain_recent();
                l.shrink_to_fit();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for h in [
            "127.0.0.1:8080",
            "localhost",
            "LOCALHOST:1",
            "[::1]:80",
            "127.1.2.3",
        ] {
            assert!(loopback_host(h), "{h}");
        }
        for h in [
            "evil.example",
            "evil.example:8080",
            "10.0.0.1:80",
            "",
            "[::2]:1",
        ] {
            assert!(!loopback_host(h), "{h}");
        }
    }
}
