//! Errors of the API as `application/problem+json` (RFC 9457), each with a stable `code`.
//! Proposal errors carry the core's problems with the JSON pointers `sociale-bril assess`
//! reports.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbError;
use crate::engine::Issue;
use crate::model::AssessmentDetail;

/// A problem, as sent to the client.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Problem {
    /// `urn:sociale-bril:problem:` and the code.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short, fixed title of the problem kind.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong here, and what would be valid.
    pub detail: String,
    /// Stable code, e.g. `invalid-proposal`, `conflict`, `not-found` (docs/server.md).
    pub code: String,
    /// For `invalid-proposal`: every problem in the proposal, with its JSON pointer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<ProposalProblem>,
    /// For `conflict`: the assessment as it is now (its latest version).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<Box<AssessmentDetail>>,
}

/// One problem in a proposal (the core's `ProposalIssue`).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProposalProblem {
    /// Stable code, e.g. `unknown-item` (docs/rule-language.md).
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// JSON pointer into the proposal (empty for the whole document).
    pub pointer: String,
    /// Line, for syntax errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Column, for syntax errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The item concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// An API error.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    detail: String,
    issues: Vec<ProposalProblem>,
    current: Option<Box<AssessmentDetail>>,
    retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a status, code and detail.
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            detail: detail.into(),
            issues: Vec::new(),
            current: None,
            retry_after: None,
        }
    }

    /// 400: the request itself is malformed.
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, detail)
    }

    /// 401: no valid session.
    pub fn unauthenticated() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "sign in first: GET /auth/login",
        )
    }

    /// 403: signed in, but the role does not allow it.
    pub fn forbidden(code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, code, detail)
    }

    /// 404: no such thing, or not visible to this user (the two are not told apart).
    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "there is no such resource, or it is not shared with you",
        )
    }

    /// 409: the change conflicts with the current state.
    pub fn conflict(code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, code, detail)
    }

    /// 422: the proposal is invalid; every problem with its JSON pointer.
    pub fn invalid_proposal(issues: Vec<Issue>) -> ApiError {
        let detail = match issues.first() {
            Some(i) if issues.len() == 1 => format!("invalid proposal: {}", describe(i)),
            Some(i) => format!(
                "invalid proposal, {} errors; first: {}",
                issues.len(),
                describe(i)
            ),
            None => "invalid proposal".into(),
        };
        let mut e = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-proposal", detail);
        e.issues = issues
            .into_iter()
            .map(|i| ProposalProblem {
                code: i.code,
                message: i.message,
                help: i.help,
                pointer: i.pointer,
                line: i.line,
                column: i.column,
                item: i.item,
            })
            .collect();
        e
    }

    /// 429 with `Retry-After`.
    pub fn rate_limited(retry_after: u64) -> ApiError {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            format!("too many requests from this client; try again in {retry_after} s"),
        );
        e.retry_after = Some(retry_after);
        e
    }

    /// 413: the body is larger than the limit.
    pub fn too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            format!("the request body is larger than the limit of {limit} bytes"),
        )
    }

    /// Attaches the current state (for a conflict).
    pub fn with_current(mut self, current: AssessmentDetail) -> ApiError {
        self.current = Some(Box::new(current));
        self
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

fn describe(i: &Issue) -> String {
    match (i.line, i.column) {
        (Some(l), Some(c)) => format!("line {l}, column {c}: [{}] {}", i.code, i.message),
        _ if i.pointer.is_empty() => format!("at the top level: [{}] {}", i.code, i.message),
        _ => format!("at {}: [{}] {}", i.pointer, i.code, i.message),
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> ApiError {
        // The database's message may hold data; it goes to the log, not to the client.
        tracing::error!(error = %e, "database error");
        match e {
            DbError::Sqlx(sqlx::Error::PoolTimedOut) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "the database is busy or unreachable; try again",
            ),
            _ => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the server could not complete the request; the error is logged",
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let title = self
            .status
            .canonical_reason()
            .unwrap_or("Error")
            .to_string();
        let body = Problem {
            kind: format!("urn:sociale-bril:problem:{}", self.code),
            title,
            status: self.status.as_u16(),
            detail: self.detail,
            code: self.code.to_string(),
            issues: self.issues,
            current: self.current,
        };
        let mut resp = (
            self.status,
            serde_json::to_string(&body).unwrap_or_default(),
        )
            .into_response();
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(s) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        resp
    }
}

/// The error responses every API operation may give (for the OpenAPI document).
#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
pub enum ErrorResponses {
    /// The request is malformed (`invalid-body`, `invalid-query`, `invalid-path`).
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// Not signed in (`unauthenticated`).
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthenticated(Problem),
    /// The role does not allow it, or the CSRF token is missing (`forbidden`, `csrf`).
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// No such resource, or not shared with you (`not-found`).
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// The change conflicts with the current state (`conflict` with `current`, `status`).
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// The body is too large (`too-large`).
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The proposal is invalid (`invalid-proposal` with `issues`).
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
    /// `If-Match` is required (`if-match-required`).
    #[response(status = 428, content_type = "application/problem+json")]
    PreconditionRequired(Problem),
    /// Too many requests (`rate-limited`).
    #[response(status = 429, content_type = "application/problem+json")]
    RateLimited(Problem),
    /// The server failed (`internal`).
    #[response(status = 500, content_type = "application/problem+json")]
    Internal(Problem),
    /// The database is unreachable (`unavailable`).
    #[response(status = 503, content_type = "application/problem+json")]
    Unavailable(Problem),
}
