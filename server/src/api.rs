//! The JSON API: assessments and their versions, the review circuit, comments, sharing, the
//! audit log and one user's data. Every handler takes a [`Principal`] (so the session and, for
//! changes, the CSRF token are checked) and checks the caller's role on what it touches.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::{AppState, Mode};
use crate::auth::Principal;
use crate::db::{AssessmentRow, ListQuery, Refusal};
use crate::model::*;
use crate::problem::{ApiError, ErrorResponses};

/// Longest comment or reason, in characters.
const MAX_TEXT_CHARS: usize = 10_000;

/// The API's routes, with their OpenAPI descriptions.
pub fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(session))
        .routes(routes!(ruleset))
        .routes(routes!(ruleset_by_hash))
        .routes(routes!(list_assessments, create_assessment))
        .routes(routes!(get_assessment, save_assessment))
        .routes(routes!(list_versions))
        .routes(routes!(get_version))
        .routes(routes!(archive))
        .routes(routes!(restore))
        .routes(routes!(review))
        .routes(routes!(list_comments, add_comment))
        .routes(routes!(list_shares, add_share))
        .routes(routes!(remove_share))
        .routes(routes!(assessment_audit))
        .routes(routes!(audit_log))
        .routes(routes!(export_user))
        .routes(routes!(erase_user))
}

// ---- extractors that answer with problem+json -------------------------------------------------

/// A JSON body; a malformed one is a 400 with line and column, a too large one a 413.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = body_bytes(req, state).await?;
        parse_json(&bytes).map(JsonBody)
    }
}

fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request(
            "invalid-body",
            format!("line {}, column {}: {e}", e.line(), e.column()),
        )
    })
}

/// A proposal as JSON text (checked by the core, which reports JSON pointers).
pub struct ProposalText(pub String);

impl<S: Send + Sync> FromRequest<S> for ProposalText {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = body_bytes(req, state).await?;
        String::from_utf8(bytes.to_vec())
            .map(ProposalText)
            .map_err(|e| {
                ApiError::bad_request(
                    "invalid-body",
                    format!(
                        "the body is not UTF-8 (at byte {})",
                        e.utf8_error().valid_up_to()
                    ),
                )
            })
    }
}

async fn body_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(crate::engine::MAX_PROPOSAL_BYTES)
        } else {
            ApiError::bad_request("invalid-body", e.body_text())
        }
    })
}

/// Query parameters; a bad one is a 400 problem.
pub struct Q<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Q(q.0))
            .map_err(|e| ApiError::bad_request("invalid-query", e.body_text()))
    }
}

/// Path parameters; a bad one is a 400 problem.
pub struct P<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for P<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| P(p.0))
            .map_err(|e| ApiError::bad_request("invalid-path", e.body_text()))
    }
}

// ---- access ---------------------------------------------------------------------------------

/// The caller's role on an assessment, or none (then it does not exist for them).
async fn role_on(
    state: &AppState,
    p: &Principal,
    a: &AssessmentRow,
) -> Result<Option<Role>, ApiError> {
    Ok(if p.actor.admin {
        Some(Role::Admin)
    } else if a.owner_id == p.actor.id {
        Some(Role::Author)
    } else if state.db.is_shared_with(&a.id, &p.actor.id).await? {
        Some(Role::Editor)
    } else if p.actor.reviewer && a.submitted != 0 {
        Some(Role::Reviewer)
    } else {
        None
    })
}

/// Loads an assessment the caller may see: 404 when it does not exist or is not theirs to see
/// (the two look the same, so ids cannot be probed), 403 when their role is not in `allowed`.
async fn load(
    state: &AppState,
    p: &Principal,
    id: &str,
    allowed: &[Role],
) -> Result<(AssessmentRow, Role), ApiError> {
    if id.len() > 64 {
        return Err(ApiError::not_found());
    }
    let a = state
        .db
        .assessment(id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let role = role_on(state, p, &a)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if !allowed.contains(&role) {
        return Err(ApiError::forbidden(
            "forbidden",
            format!(
                "your role on this assessment ({}) does not allow this",
                role_name(role)
            ),
        ));
    }
    Ok((a, role))
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Author => "author",
        Role::Editor => "editor",
        Role::Reviewer => "reviewer",
        Role::Admin => "admin",
    }
}

const READERS: &[Role] = &[Role::Author, Role::Editor, Role::Reviewer, Role::Admin];
const WRITERS: &[Role] = &[Role::Author, Role::Editor, Role::Admin];
const OWNERS: &[Role] = &[Role::Author, Role::Admin];
const REVIEWERS: &[Role] = &[Role::Reviewer, Role::Admin];

/// The assessment with its latest version, as the API sends it.
async fn detail(
    state: &AppState,
    a: &AssessmentRow,
    role: Role,
) -> Result<AssessmentDetail, ApiError> {
    detail_at(state, a, a.head, role).await
}

/// The assessment as of version `number`: the answer to a change names the version the change
/// made or acted on, never a later one another request saved meanwhile (its `ETag` would let
/// the client save over a version it has not seen).
async fn detail_at(
    state: &AppState,
    a: &AssessmentRow,
    number: i64,
    role: Role,
) -> Result<AssessmentDetail, ApiError> {
    let v = state
        .db
        .versions(&a.id, Some(number))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the version is missing",
            )
        })?;
    let mut summary = AssessmentSummary::from(a);
    summary.version = v.number;
    summary.title = v.title.clone();
    summary.rating = v.rating.clone();
    summary.percent = v.percent;
    Ok(AssessmentDetail {
        summary,
        your_role: role,
        current: VersionDetail::from_row(&v),
    })
}

fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// The version an `If-Match` header names.
fn if_match(headers: &HeaderMap) -> Result<i64, ApiError> {
    let v = headers.get(header::IF_MATCH).ok_or_else(|| {
        ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "if-match-required",
            "name the version this change is based on: If-Match with the ETag of GET /api/assessments/{id}",
        )
    })?;
    v.to_str()
        .ok()
        .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|s| s.parse::<i64>().ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            ApiError::bad_request("invalid-if-match", "If-Match must be an ETag such as \"3\"")
        })
}

fn with_etag(status: StatusCode, d: AssessmentDetail) -> Response {
    let tag = etag(d.summary.version);
    let mut r = (status, Json(d)).into_response();
    r.headers_mut().insert(header::ETAG, tag);
    r
}

/// A refused conditional change, as the client should see it.
async fn refused(state: &AppState, r: Refusal, a: &AssessmentRow, role: Role) -> ApiError {
    let current = match state.db.assessment(&a.id).await {
        Ok(Some(now)) => detail(state, &now, role).await.ok(),
        _ => None,
    };
    let e = match r {
        Refusal::NotFound => return ApiError::not_found(),
        Refusal::Stale => ApiError::conflict(
            "conflict",
            "the assessment was changed since the version this change is based on; `current` holds the latest version",
        ),
        Refusal::Archived => {
            ApiError::conflict("archived", "the assessment is archived; restore it first")
        }
        Refusal::Status(s) => ApiError::conflict(
            "status",
            format!("this cannot be done while the assessment's status is {s}"),
        ),
    };
    match current {
        Some(c) => e.with_current(c),
        None => e,
    }
}

// ---- session and ruleset ---------------------------------------------------------------------

/// The caller's session: who, their roles, the CSRF token for changes, the server's ruleset.
#[utoipa::path(get, path = "/api/session", tag = "session",
    responses((status = 200, body = SessionInfo), ErrorResponses))]
async fn session(
    State(state): State<Arc<AppState>>,
    parts: Parts,
) -> Result<Json<SessionInfo>, ApiError> {
    let mut parts = parts;
    let p = Principal::from_request_parts(&mut parts, &state).await;
    let r = state.engine.identity();
    let ruleset = RulesetRef {
        id: r.id,
        version: r.version,
        hash: r.hash,
    };
    let mode = match state.mode {
        Mode::SingleUser { .. } => "single-user",
        Mode::Team { .. } => "team",
    };
    Ok(Json(match p {
        Ok(p) => {
            let mut roles = Vec::new();
            if p.actor.reviewer {
                roles.push("reviewer".to_string());
            }
            if p.actor.admin {
                roles.push("admin".to_string());
            }
            SessionInfo {
                mode: mode.into(),
                user: Some(SessionUser {
                    id: p.actor.id,
                    name: p.name,
                    roles,
                }),
                csrf_token: Some(p.csrf),
                login_url: None,
                ruleset,
            }
        }
        Err(e) if e.code() == "unauthenticated" => SessionInfo {
            mode: mode.into(),
            user: None,
            csrf_token: None,
            login_url: Some("/auth/login".into()),
            ruleset,
        },
        Err(e) => return Err(e),
    }))
}

/// The ruleset the server scores with, in its JSON form (load it in the app with
/// `Ruleset.fromJson` to get the server's scores in the browser).
#[utoipa::path(get, path = "/api/ruleset", tag = "ruleset",
    responses((status = 200, description = "The ruleset (JSON form)", body = Object, content_type = "application/json"), ErrorResponses))]
async fn ruleset(State(state): State<Arc<AppState>>, _p: Principal) -> Response {
    json_text(state.engine.ruleset_json().to_string())
}

/// A ruleset the server has used, by content hash: a version is always shown with the ruleset
/// that scored it.
#[utoipa::path(get, path = "/api/rulesets/{hash}", tag = "ruleset",
    params(("hash" = String, Path, description = "Content hash (`sha256:…`)", max_length = 100)),
    responses((status = 200, description = "The ruleset (JSON form)", body = Object, content_type = "application/json"), ErrorResponses))]
async fn ruleset_by_hash(
    State(state): State<Arc<AppState>>,
    _p: Principal,
    P(hash): P<String>,
) -> Result<Response, ApiError> {
    if hash.len() > 100 {
        return Err(ApiError::not_found());
    }
    let doc = state
        .db
        .ruleset_document(&hash)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(json_text(doc))
}

fn json_text(text: String) -> Response {
    let mut r = text.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

// ---- assessments ----------------------------------------------------------------------------

/// The assessments you may see: filtered, sorted and paged.
#[utoipa::path(get, path = "/api/assessments", tag = "assessments", params(ListParams),
    responses((status = 200, body = AssessmentPage), ErrorResponses))]
async fn list_assessments(
    State(state): State<Arc<AppState>>,
    p: Principal,
    Q(q): Q<ListParams>,
) -> Result<Json<AssessmentPage>, ApiError> {
    let limit = q.limit.unwrap_or(50);
    let offset = q.offset.unwrap_or(0);
    if !(1..=100).contains(&limit) || !(0..=1_000_000).contains(&offset) {
        return Err(ApiError::bad_request(
            "invalid-query",
            "limit must be 1–100 and offset 0–1000000",
        ));
    }
    let owner = match q.owner.as_deref() {
        Some("me") => Some(p.actor.id.clone()),
        o => o.map(str::to_string),
    };
    let query = ListQuery {
        status: q.status.map(|s| s.as_str().to_string()),
        owner,
        policy_area: q.policy_area,
        rating: q.rating,
        archived: q.archived.unwrap_or(false),
        sort: q.sort.unwrap_or_default().key(),
        limit,
        offset,
    };
    let (rows, total) = state.db.list(&p.actor, &query).await?;
    let next = offset + i64::try_from(rows.len()).unwrap_or(0);
    Ok(Json(AssessmentPage {
        items: rows.iter().map(AssessmentSummary::from).collect(),
        total,
        next_offset: (next < total).then_some(next),
    }))
}

/// Creates an assessment from a proposal (the JSON `sociale-bril assess` reads); version 1.
#[utoipa::path(post, path = "/api/assessments", tag = "assessments",
    request_body(content = Object, description = "A proposal", content_type = "application/json"),
    responses((status = 201, body = AssessmentDetail, headers(("ETag" = String), ("Location" = String))), ErrorResponses))]
async fn create_assessment(
    State(state): State<Arc<AppState>>,
    p: Principal,
    ProposalText(text): ProposalText,
) -> Result<Response, ApiError> {
    let scored = state
        .engine
        .assess(&text)
        .map_err(ApiError::invalid_proposal)?;
    let id = state
        .db
        .create_assessment(&p.actor.id, &scored, &state.engine.identity().hash)
        .await?;
    state.metrics.saved();
    let a = state
        .db
        .assessment(&id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let role = if p.actor.admin {
        Role::Admin
    } else {
        Role::Author
    };
    let mut r = with_etag(StatusCode::CREATED, detail_at(&state, &a, 1, role).await?);
    if let Ok(loc) = HeaderValue::from_str(&format!("/api/assessments/{id}")) {
        r.headers_mut().insert(header::LOCATION, loc);
    }
    Ok(r)
}

/// An assessment with its latest version; the `ETag` names that version.
#[utoipa::path(get, path = "/api/assessments/{id}", tag = "assessments",
    params(("id" = String, Path, max_length = 64)),
    responses((status = 200, body = AssessmentDetail, headers(("ETag" = String))), ErrorResponses))]
async fn get_assessment(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(id): P<String>,
) -> Result<Response, ApiError> {
    let (a, role) = load(&state, &p, &id, READERS).await?;
    Ok(with_etag(StatusCode::OK, detail(&state, &a, role).await?))
}

/// Saves a new version. `If-Match` must name the latest version; a stale save gets 409 with
/// the current version in `current`, and nothing is overwritten. Saving a vastgesteld
/// assessment starts a new round (status `concept`); while it is in review it cannot change.
#[utoipa::path(put, path = "/api/assessments/{id}", tag = "assessments",
    params(("id" = String, Path, max_length = 64), ("If-Match" = String, Header, description = "ETag of the version this save is based on")),
    request_body(content = Object, description = "A proposal", content_type = "application/json"),
    responses((status = 200, body = AssessmentDetail, headers(("ETag" = String))), ErrorResponses))]
async fn save_assessment(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(id): P<String>,
    headers: HeaderMap,
    ProposalText(text): ProposalText,
) -> Result<Response, ApiError> {
    let (a, role) = load(&state, &p, &id, WRITERS).await?;
    let base = if_match(&headers)?;
    let scored = state
        .engine
        .assess(&text)
        .map_err(ApiError::invalid_proposal)?;
    match state
        .db
        .save_version(
            &id,
            base,
            &p.actor.id,
            &scored,
            &state.engine.identity().hash,
        )
        .await?
    {
        Ok(number) => {
            state.metrics.saved();
            let a = state
                .db
                .assessment(&id)
                .await?
                .ok_or_else(ApiError::not_found)?;
            Ok(with_etag(
                StatusCode::OK,
                detail_at(&state, &a, number, role).await?,
            ))
        }
        Err(r) => {
            if r == Refusal::Stale {
                state.metrics.conflict();
            }
            Err(refused(&state, r, &a, role).await)
        }
    }
}

/// Every version of an assessment, newest first, without the documents.
#[utoipa::path(get, path = "/api/assessments/{id}/versions", tag = "assessments",
    params(("id" = String, Path, max_length = 64)),
    responses((status = 200, body = Vec<VersionSummary>), ErrorResponses))]
async fn list_versions(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(id): P<String>,
) -> Result<Json<Vec<VersionSummary>>, ApiError> {
    load(&state, &p, &id, READERS).await?;
    let v = state.db.versions(&id, None).await?;
    Ok(Json(v.iter().map(VersionSummary::from).collect()))
}

/// One version, with the proposal and the assessment exactly as saved (and signed off).
#[utoipa::path(get, path = "/api/assessments/{id}/versions/{number}", tag = "assessments",
    params(("id" = String, Path, max_length = 64), ("number" = i64, Path, minimum = 1)),
    responses((status = 200, body = VersionDetail), ErrorResponses))]
async fn get_version(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P((id, number)): P<(String, i64)>,
) -> Result<Json<VersionDetail>, ApiError> {
    load(&state, &p, &id, READERS).await?;
    let v = state.db.versions(&id, Some(number)).await?;
    let v = v.first().ok_or_else(ApiError::not_found)?;
    Ok(Json(VersionDetail::from_row(v)))
}

async fn set_archived(
    state: &AppState,
    p: &Principal,
    id: &str,
    archived: bool,
) -> Result<Response, ApiError> {
    let (_, role) = load(state, p, id, OWNERS).await?;
    state.db.set_archived(id, archived, &p.actor.id).await?;
    let a = state
        .db
        .assessment(id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(with_etag(StatusCode::OK, detail(state, &a, role).await?))
}

/// Archives an assessment (author or admin): it leaves the list (see `archived=true`); its
/// versions stay.
#[utoipa::path(post, path = "/api/assessments/{id}/archive", tag = "assessments",
    params(("id" = String, Path, max_length = 64)),
    responses((status = 200, body = AssessmentDetail), ErrorResponses))]
async fn archive(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(id): P<String>,
) -> Result<Response, ApiError> {
    set_archived(&state, &p, &id, true).await
}

/// Restores an archived assessment (author or admin).
#[utoipa::path(post, path = "/api/assessments/{id}/restore", tag = "assessments",
    params(("id" = String, Path, max_length = 64)),
    responses((status = 200, body = AssessmentDetail), ErrorResponses))]
async fn restore(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(id): P<String>,
) -> Result<Response, ApiError> {
    set_archived(&state, &p, &id, false).await
}

// ---- review circuit -------------------------------------------------------------------------

/// A step of the review circuit.
#[derive(Clone, Copy, Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStep {
    /// Author or editor: concept → ter review.
    Submit,
    /// Author or editor: ter review → concept.
    Withdraw,
    /// Reviewer: ter review → concept, with reasons (body `{"reason": …}`).
    Return,
    /// Reviewer: ter review → vastgesteld; the version is signed off and frozen.
    Approve,
}

/// A step in the review circuit on the version named by `If-Match`: `submit` (concept → ter
/// review), `withdraw` (back to concept), `return` (a reviewer sends it back with reasons, which
/// become a comment of kind `return`), `approve` (a reviewer signs the version off:
/// vastgesteld, frozen with who and when; a later save starts a new version and a new round).
/// A reviewer cannot return or approve what they wrote or edit.
#[utoipa::path(post, path = "/api/assessments/{id}/review/{step}", tag = "review",
    params(("id" = String, Path, max_length = 64), ("step" = ReviewStep, Path),
        ("If-Match" = String, Header, description = "ETag of the version the step is about")),
    request_body(content = Option<ReturnReason>, description = "For `return`: the reasons"),
    responses((status = 200, body = AssessmentDetail), ErrorResponses))]
async fn review(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P((id, which)): P<(String, ReviewStep)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    use ReviewStep::*;
    let (allowed, from, to, action, four_eyes) = match which {
        Submit => (
            WRITERS,
            Status::Concept,
            Status::InReview,
            "review.submit",
            false,
        ),
        Withdraw => (
            WRITERS,
            Status::InReview,
            Status::Concept,
            "review.withdraw",
            false,
        ),
        Return => (
            REVIEWERS,
            Status::InReview,
            Status::Concept,
            "review.return",
            true,
        ),
        Approve => (
            REVIEWERS,
            Status::InReview,
            Status::Approved,
            "review.approve",
            true,
        ),
    };
    let reason = match which {
        Return => {
            let r: ReturnReason = parse_json(&body)?;
            Some(text_field("reason", &r.reason)?.to_string())
        }
        _ => None,
    };
    let (a, role) = load(&state, &p, &id, allowed).await?;
    let base = if_match(&headers)?;
    if four_eyes && matches!(state.mode, Mode::Team { .. }) {
        let own = a.owner_id == p.actor.id || state.db.is_shared_with(&id, &p.actor.id).await?;
        if own {
            return Err(ApiError::forbidden(
                "own-assessment",
                "a reviewer cannot decide on an assessment they wrote or edit",
            ));
        }
    }
    let done = state
        .db
        .transition(
            &id,
            base,
            from.as_str(),
            to.as_str(),
            &p.actor.id,
            action,
            reason.as_deref(),
        )
        .await?;
    match done {
        Ok(()) => {
            let a = state
                .db
                .assessment(&id)
                .await?
                .ok_or_else(ApiError::not_found)?;
            Ok(with_etag(
                StatusCode::OK,
                detail_at(&state, &a, base, role).await?,
            ))
        }
        Err(r) => Err(refused(&state, r, &a, role).await),
    }
}

fn text_field<'a>(name: &str, s: &'a str) -> Result<&'a str, ApiError> {
    let t = s.trim();
    let n = t.chars().count();
    if n == 0 || n > MAX_TEXT_CHARS {
        return Err(ApiError::bad_request(
            "invalid-body",
            format!("`{name}` must have 1–{MAX_TEXT_CHARS} characters (it has {n})"),
        ));
    }
    Ok(t)
}

// ---- comments, shares -----------------------------------------------------------------------

/// The comments on an assessment and its questions, oldest first.
#[utoipa::path(get, path = "/api/assessments/{id}/comments", tag = "review",
    params(("id" = String, Path, max_length = 64)),
    responses((status = 200, body = Vec<Comment>), ErrorResponses))]
async fn list_comments(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(id): P<String>,
) -> Result<Json<Vec<Comment>>, ApiError> {
    load(&state, &p, &id, READERS).await?;
    Ok(Json(
        state
            .db
            .comments(&id)
            .await?
            .iter()
            .map(Comment::from)
            .collect(),
    ))
}

/// Comments on the assessment or on one question (`item`), on its latest version.
#[utoipa::path(post, path = "/api/assessments/{id}/comments", tag = "review",
    params(("id" = String, Path, max_length = 64)),
    request_body = NewComment,
    responses((status = 201, body = Comment), ErrorResponses))]
async fn add_comment(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(id): P<String>,
    JsonBody(body): JsonBody<NewComment>,
) -> Result<(StatusCode, Json<Comment>), ApiError> {
    let (a, _) = load(&state, &p, &id, READERS).await?;
    let text = text_field("body", &body.body)?;
    if let Some(item) = &body.item {
        if !state.engine.has_item(item) {
            return Err(ApiError::bad_request(
                "unknown-item",
                format!(
                    "`{}` is not a question of the ruleset",
                    item.chars().take(200).collect::<String>()
                ),
            ));
        }
    }
    let cid = state
        .db
        .add_comment(&id, a.head, body.item.as_deref(), &p.actor.id, text)
        .await?;
    let all = state.db.comments(&id).await?;
    let c = all
        .iter()
        .find(|c| c.id == cid)
        .ok_or_else(ApiError::not_found)?;
    Ok((StatusCode::CREATED, Json(Comment::from(c))))
}

/// The colleagues an assessment is shared with (its editors).
#[utoipa::path(get, path = "/api/assessments/{id}/shares", tag = "sharing",
    params(("id" = String, Path, max_length = 64)),
    responses((status = 200, body = Vec<Share>), ErrorResponses))]
async fn list_shares(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(id): P<String>,
) -> Result<Json<Vec<Share>>, ApiError> {
    load(&state, &p, &id, READERS).await?;
    share_list(&state, &id).await
}

async fn share_list(state: &AppState, id: &str) -> Result<Json<Vec<Share>>, ApiError> {
    Ok(Json(
        state.db.shares(id).await?.iter().map(Share::from).collect(),
    ))
}

/// Shares an assessment with a colleague (author or admin), who becomes an editor. Give
/// `user` (an id) or `email`; they must have signed in once.
#[utoipa::path(post, path = "/api/assessments/{id}/shares", tag = "sharing",
    params(("id" = String, Path, max_length = 64)),
    request_body = NewShare,
    responses((status = 200, body = Vec<Share>), ErrorResponses))]
async fn add_share(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(id): P<String>,
    JsonBody(body): JsonBody<NewShare>,
) -> Result<Json<Vec<Share>>, ApiError> {
    let (a, _) = load(&state, &p, &id, OWNERS).await?;
    let user = match (&body.user, &body.email) {
        (Some(u), None) if u.len() <= 64 => state.db.user(u).await?.filter(|u| u.erased == 0),
        (None, Some(e)) if e.len() <= 320 => state.db.user_by_email(e).await?,
        _ => {
            return Err(ApiError::bad_request(
                "invalid-body",
                "give either `user` (an id) or `email`",
            ));
        }
    };
    let user = user.ok_or_else(|| {
        ApiError::bad_request("unknown-user", "no such user; a colleague must sign in once before an assessment can be shared with them")
    })?;
    if user.id != a.owner_id {
        state.db.set_share(&id, &user.id, &p.actor.id, true).await?;
    }
    share_list(&state, &id).await
}

/// Stops sharing with a colleague (author or admin).
#[utoipa::path(delete, path = "/api/assessments/{id}/shares/{user}", tag = "sharing",
    params(("id" = String, Path, max_length = 64), ("user" = String, Path, max_length = 64)),
    responses((status = 200, body = Vec<Share>), ErrorResponses))]
async fn remove_share(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P((id, user)): P<(String, String)>,
) -> Result<Json<Vec<Share>>, ApiError> {
    load(&state, &p, &id, OWNERS).await?;
    if !state.db.set_share(&id, &user, &p.actor.id, false).await? {
        return Err(ApiError::not_found());
    }
    share_list(&state, &id).await
}

// ---- audit, users ---------------------------------------------------------------------------

fn page(q: &PageParams) -> Result<(i64, i64), ApiError> {
    let limit = q.limit.unwrap_or(100);
    let offset = q.offset.unwrap_or(0);
    if !(1..=500).contains(&limit) || !(0..=1_000_000).contains(&offset) {
        return Err(ApiError::bad_request(
            "invalid-query",
            "limit must be 1–500 and offset 0–1000000",
        ));
    }
    Ok((limit, offset))
}

/// The audit log of one assessment, newest first.
#[utoipa::path(get, path = "/api/assessments/{id}/audit", tag = "audit",
    params(("id" = String, Path, max_length = 64), PageParams),
    responses((status = 200, body = Vec<AuditEntry>), ErrorResponses))]
async fn assessment_audit(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(id): P<String>,
    Q(q): Q<PageParams>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    load(&state, &p, &id, READERS).await?;
    let (limit, offset) = page(&q)?;
    let rows = state.db.audit_log(Some(&id), limit, offset).await?;
    Ok(Json(rows.iter().map(AuditEntry::from).collect()))
}

/// The whole audit log, newest first (admin).
#[utoipa::path(get, path = "/api/audit", tag = "audit", params(PageParams),
    responses((status = 200, body = Vec<AuditEntry>), ErrorResponses))]
async fn audit_log(
    State(state): State<Arc<AppState>>,
    p: Principal,
    Q(q): Q<PageParams>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    if !p.actor.admin {
        return Err(ApiError::forbidden(
            "forbidden",
            "the audit log is for administrators",
        ));
    }
    let (limit, offset) = page(&q)?;
    let rows = state.db.audit_log(None, limit, offset).await?;
    Ok(Json(rows.iter().map(AuditEntry::from).collect()))
}

fn roles(admin: bool, reviewer: bool) -> Vec<String> {
    let mut r = Vec::new();
    if reviewer {
        r.push("reviewer".into());
    }
    if admin {
        r.push("admin".into());
    }
    r
}

/// Everything stored about a user (AVG inzage): yourself (`me`), or anyone for an admin.
#[utoipa::path(get, path = "/api/users/{user}/export", tag = "users",
    params(("user" = String, Path, description = "A user id, or `me`", max_length = 64)),
    responses((status = 200, body = UserExport), ErrorResponses))]
async fn export_user(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(user): P<String>,
) -> Result<Json<UserExport>, ApiError> {
    let user = if user == "me" {
        p.actor.id.clone()
    } else {
        user
    };
    if user != p.actor.id && !p.actor.admin {
        return Err(ApiError::not_found());
    }
    let (u, owned, versions, comments, audit) = state
        .db
        .user_data(&user)
        .await?
        .ok_or_else(ApiError::not_found)?;
    state
        .db
        .audit(
            Some(&p.actor.id),
            "user.export",
            None,
            Some(&serde_json::json!({ "user": user }).to_string()),
        )
        .await?;
    Ok(Json(UserExport {
        user: ExportedUser {
            id: u.id,
            name: u.name,
            email: u.email,
            roles: roles(u.is_admin != 0, u.is_reviewer != 0),
            erased: u.erased != 0,
        },
        owned_assessments: owned,
        versions: versions.iter().map(VersionDetail::from_row).collect(),
        comments: comments.iter().map(Comment::from).collect(),
        audit: audit.iter().map(AuditEntry::from).collect(),
    }))
}

/// Erases a user (AVG, admin): name, e-mail address and identity become a pseudonym; their
/// sessions and shares end. Versions, comments and the audit log stay, under the pseudonym.
#[utoipa::path(post, path = "/api/users/{user}/erase", tag = "users",
    params(("user" = String, Path, max_length = 64)),
    responses((status = 204, description = "Erased"), ErrorResponses))]
async fn erase_user(
    State(state): State<Arc<AppState>>,
    p: Principal,
    P(user): P<String>,
) -> Result<StatusCode, ApiError> {
    if !p.actor.admin {
        return Err(ApiError::forbidden(
            "forbidden",
            "erasing a user is for administrators",
        ));
    }
    if user == p.actor.id {
        return Err(ApiError::conflict(
            "status",
            "an administrator cannot erase themselves",
        ));
    }
    if !state.db.erase_user(&user, &p.actor.id).await? {
        return Err(ApiError::not_found());
    }
    Ok(StatusCode::NO_CONTENT)
}
