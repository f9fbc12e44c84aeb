//! Who is asking: sessions (a cookie whose token only the database knows by its hash), the
//! single-user mode of a laptop, CSRF protection on every request that changes something, and
//! the login and logout endpoints of team mode.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::app::{AppState, Mode};
use crate::db::{Actor, LoginIdentity, now_us};
use crate::problem::ApiError;

/// The header that carries the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The signed-in user (or the local user in single-user mode). Extracting it checks the
/// session and, for any method other than GET and HEAD, the CSRF token: every handler that
/// changes something takes a `Principal`, so none can skip the check.
#[derive(Clone, Debug)]
pub struct Principal {
    /// Id and global roles.
    pub actor: Actor,
    /// Display name.
    pub name: String,
    /// The session's CSRF token.
    pub csrf: String,
    /// The session's token hash (none in single-user mode).
    pub session: Option<String>,
}

/// 32 random bytes as hex: session tokens and CSRF tokens.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    // getrandom fails only without an entropy source; a zero token would then be refused by
    // the uniqueness of the session table, never accepted twice.
    let _ = getrandom::fill(&mut b);
    hex(&b)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The stored form of a session token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The session cookie's name: with the `__Host-` prefix when it is Secure.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-sociale-bril"
    } else {
        "sociale-bril-session"
    }
}

impl FromRequestParts<Arc<AppState>> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let p = match &state.mode {
            Mode::SingleUser { user, csrf } => Principal {
                actor: Actor {
                    id: user.clone(),
                    admin: true,
                    reviewer: true,
                },
                name: "Local user".into(),
                csrf: csrf.clone(),
                session: None,
            },
            Mode::Team { secure, .. } => {
                let jar = CookieJar::from_headers(&parts.headers);
                let token = jar
                    .get(cookie_name(*secure))
                    .map(|c| c.value().to_string())
                    .ok_or_else(ApiError::unauthenticated)?;
                let hash = token_hash(&token);
                let s = state
                    .db
                    .session(&hash)
                    .await?
                    .ok_or_else(ApiError::unauthenticated)?;
                Principal {
                    actor: Actor {
                        id: s.id,
                        admin: s.is_admin != 0,
                        reviewer: s.is_reviewer != 0,
                    },
                    name: s.name,
                    csrf: s.csrf_token,
                    session: Some(hash),
                }
            }
        };
        if !matches!(parts.method, Method::GET | Method::HEAD) {
            check_csrf(&parts.headers, &p.csrf, state)?;
        }
        Ok(p)
    }
}

/// A change needs the session's CSRF token in `X-CSRF-Token`, and a request that names its
/// origin must come from the server's own.
fn check_csrf(headers: &HeaderMap, csrf: &str, state: &AppState) -> Result<(), ApiError> {
    let given = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !same(given, csrf) {
        return Err(ApiError::forbidden(
            "csrf",
            "a request that changes something needs the X-CSRF-Token header from GET /api/session",
        ));
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        if !state.origin_allowed(origin, headers) {
            return Err(ApiError::forbidden(
                "csrf",
                "the request comes from another site",
            ));
        }
    }
    Ok(())
}

/// `GET /auth/login?return_to=/path`.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    return_to: Option<String>,
}

/// A path on this server to return to after login (anything else becomes `/`).
fn local_path(p: Option<&str>) -> String {
    match p {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && p.len() <= 2000
                && !p.chars().any(char::is_control) =>
        {
            p.to_string()
        }
        _ => "/".into(),
    }
}

/// Starts a login at the identity provider.
pub async fn login(
    State(state): State<Arc<AppState>>,
    Query(q): Query<LoginQuery>,
) -> Result<Response, ApiError> {
    let Mode::Team { oidc, .. } = &state.mode else {
        return Ok(Redirect::to("/").into_response());
    };
    let oidc = oidc.as_ref().ok_or_else(login_unavailable)?;
    let start = oidc.start();
    let expires = now_us() + 10 * 60 * 1_000_000;
    state
        .db
        .create_login_flow(
            &start.state,
            &start.nonce,
            &start.verifier,
            &local_path(q.return_to.as_deref()),
            expires,
        )
        .await?;
    Ok(Redirect::to(&start.url).into_response())
}

/// The identity provider's redirect back.
#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Finishes a login: a session cookie and back to where the user was.
pub async fn callback(
    State(state): State<Arc<AppState>>,
    Query(q): Query<CallbackQuery>,
) -> Result<Response, ApiError> {
    let Mode::Team { oidc, secure } = &state.mode else {
        return Ok(Redirect::to("/").into_response());
    };
    let oidc = oidc.as_ref().ok_or_else(login_unavailable)?;
    if let Some(err) = q.error.filter(|e| e.len() <= 100) {
        return Err(ApiError::forbidden(
            "login-refused",
            format!("the identity provider refused the login ({err})"),
        ));
    }
    let (Some(code), Some(flow)) = (q.code, q.state) else {
        return Err(ApiError::bad_request(
            "invalid-query",
            "the login callback needs `code` and `state`",
        ));
    };
    let (nonce, verifier, return_to) = state.db.take_login_flow(&flow).await?.ok_or_else(|| {
        ApiError::bad_request(
            "login-expired",
            "this login is unknown, used or expired; start again at /auth/login",
        )
    })?;
    let who = oidc.finish(&code, &nonce, &verifier).await.map_err(|e| {
        tracing::warn!(error = %e, "login failed");
        ApiError::forbidden("login-failed", e.to_string())
    })?;
    let user = state
        .db
        .login_user(&LoginIdentity {
            issuer: who.issuer,
            subject: who.subject,
            name: who.name,
            email: who.email,
            admin: who.admin,
            reviewer: who.reviewer,
        })
        .await?;
    let token = random_token();
    let ttl = state.session_ttl;
    state
        .db
        .create_session(
            &token_hash(&token),
            &user,
            &random_token(),
            now_us() + i64::try_from(ttl.as_micros()).unwrap_or(i64::MAX / 2),
        )
        .await?;
    state
        .db
        .audit(Some(&user), "user.login", None, None)
        .await?;
    let cookie = Cookie::build((cookie_name(*secure), token))
        .path("/")
        .http_only(true)
        .secure(*secure)
        .same_site(SameSite::Lax)
        .max_age(time::Duration::seconds(
            i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX),
        ))
        .build();
    let mut resp = Redirect::to(&return_to).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(resp)
}

fn login_unavailable() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "login-unavailable",
        "no identity provider is configured",
    )
}

/// Ends the session.
pub async fn logout(
    State(state): State<Arc<AppState>>,
    p: Principal,
) -> Result<Response, ApiError> {
    let mut resp = StatusCode::NO_CONTENT.into_response();
    if let (Some(hash), Mode::Team { secure, .. }) = (&p.session, &state.mode) {
        state.db.delete_session(hash).await?;
        state
            .db
            .audit(Some(&p.actor.id), "user.logout", None, None)
            .await?;
        let cookie = Cookie::build((cookie_name(*secure), ""))
            .path("/")
            .http_only(true)
            .secure(*secure)
            .same_site(SameSite::Lax)
            .max_age(time::Duration::ZERO)
            .build();
        if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_this_server() {
        assert_eq!(local_path(Some("/#/a/x")), "/#/a/x");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let a = random_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token());
        assert_ne!(token_hash(&a), a);
        assert!(same(&a, &a.clone()) && !same(&a, &random_token()));
    }
}
