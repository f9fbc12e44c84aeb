//! The JSON the API sends and receives (documented in the OpenAPI document).

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};

use crate::db::{AssessmentRow, AuditRow, CommentRow, ShareRow, VersionRow};

/// A time as RFC 3339 text (UTC), from microseconds since 1970.
pub fn time(us: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(us) * 1000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A user as others see them.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UserRef {
    /// User id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// Ruleset id, version and content hash.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RulesetRef {
    /// Ruleset id.
    pub id: String,
    /// Ruleset version.
    pub version: String,
    /// Content hash; `GET /api/rulesets/{hash}` gives the ruleset.
    pub hash: String,
}

/// Where an assessment is in the review circuit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Concept: being written.
    Concept,
    /// Ter review: submitted, waiting for a reviewer.
    InReview,
    /// Vastgesteld: signed off.
    Approved,
}

impl Status {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Concept => "concept",
            Status::InReview => "in_review",
            Status::Approved => "approved",
        }
    }

    /// From the stored text.
    pub fn parse(s: &str) -> Status {
        match s {
            "in_review" => Status::InReview,
            "approved" => Status::Approved,
            _ => Status::Concept,
        }
    }
}

/// The caller's role on an assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Owner (author).
    Author,
    /// Shared with (editor).
    Editor,
    /// Reviewer (from the identity provider's groups).
    Reviewer,
    /// Administrator.
    Admin,
}

/// An assessment in a list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AssessmentSummary {
    /// Id (random, not guessable).
    pub id: String,
    /// Title of the proposal.
    pub title: String,
    /// Review status.
    pub status: Status,
    /// Archived.
    pub archived: bool,
    /// Owner.
    pub owner: UserRef,
    /// Number of the latest version (also the `ETag`).
    pub version: i64,
    /// Policy area (context field `policy_area`).
    pub policy_area: Option<String>,
    /// Overall rating.
    pub rating: String,
    /// Overall percent.
    pub percent: Option<f64>,
    /// Created.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
}

impl From<&AssessmentRow> for AssessmentSummary {
    fn from(a: &AssessmentRow) -> Self {
        AssessmentSummary {
            id: a.id.clone(),
            title: a.title.clone(),
            status: Status::parse(&a.status),
            archived: a.archived != 0,
            owner: UserRef {
                id: a.owner_id.clone(),
                name: a.owner_name.clone(),
            },
            version: a.head,
            policy_area: a.policy_area.clone(),
            rating: a.rating.clone(),
            percent: a.percent,
            created_at: time(a.created_at),
            updated_at: time(a.updated_at),
        }
    }
}

/// A sign-off.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SignOff {
    /// The reviewer.
    pub by: UserRef,
    /// When.
    pub at: String,
}

/// A version without its documents.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VersionSummary {
    /// Version number, from 1.
    pub number: i64,
    /// Who saved it.
    pub author: UserRef,
    /// When.
    pub created_at: String,
    /// The ruleset that scored it.
    pub ruleset: RulesetRef,
    /// Title.
    pub title: String,
    /// Overall rating.
    pub rating: String,
    /// Overall percent.
    pub percent: Option<f64>,
    /// The sign-off, when this version was vastgesteld.
    pub signed_off: Option<SignOff>,
}

/// A version with the proposal and the assessment as they were saved.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VersionDetail {
    /// The version.
    #[serde(flatten)]
    pub summary: VersionSummary,
    /// The proposal (canonical JSON, as saved).
    #[schema(value_type = Object)]
    pub proposal: Box<RawValue>,
    /// The assessment the ruleset gave (format `assessment_format`).
    #[schema(value_type = Object)]
    pub assessment: Box<RawValue>,
    /// Format of `assessment` (`1`: the core's assessment JSON).
    pub assessment_format: String,
}

impl From<&VersionRow> for VersionSummary {
    fn from(v: &VersionRow) -> Self {
        VersionSummary {
            number: v.number,
            author: UserRef {
                id: v.author_id.clone(),
                name: v.author_name.clone(),
            },
            created_at: time(v.created_at),
            ruleset: RulesetRef {
                id: v.ruleset_id.clone(),
                version: v.ruleset_version.clone(),
                hash: v.ruleset_hash.clone(),
            },
            title: v.title.clone(),
            rating: v.rating.clone(),
            percent: v.percent,
            signed_off: match (&v.signed_off_by, v.signed_at) {
                (Some(by), Some(at)) => Some(SignOff {
                    by: UserRef {
                        id: by.clone(),
                        name: v.signed_off_by_name.clone().unwrap_or_default(),
                    },
                    at: time(at),
                }),
                _ => None,
            },
        }
    }
}

impl VersionDetail {
    /// From a stored version (its JSON columns were written by the server).
    pub fn from_row(v: &VersionRow) -> VersionDetail {
        let raw = |s: &str| {
            RawValue::from_string(s.to_string()).unwrap_or_else(|_| {
                RawValue::from_string("null".into()).unwrap_or_else(|_| Box::default())
            })
        };
        VersionDetail {
            summary: VersionSummary::from(v),
            proposal: raw(&v.proposal),
            assessment: raw(&v.assessment),
            assessment_format: v.assessment_format.clone(),
        }
    }
}

/// An assessment with its latest version.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AssessmentDetail {
    /// The assessment.
    #[serde(flatten)]
    pub summary: AssessmentSummary,
    /// The caller's role on it.
    pub your_role: Role,
    /// The latest version, with proposal and assessment.
    pub current: VersionDetail,
}

/// A page of assessments.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AssessmentPage {
    /// The assessments on this page.
    pub items: Vec<AssessmentSummary>,
    /// How many match the filters in all.
    pub total: i64,
    /// `offset` of the next page, when there is one.
    pub next_offset: Option<i64>,
}

/// Sort orders of the list.
#[derive(Clone, Copy, Debug, Default, Deserialize, ToSchema)]
pub enum Sort {
    /// By title, A–Z.
    #[serde(rename = "title")]
    Title,
    /// By title, Z–A.
    #[serde(rename = "-title")]
    TitleDesc,
    /// Oldest first.
    #[serde(rename = "created")]
    Created,
    /// Newest first.
    #[serde(rename = "-created")]
    CreatedDesc,
    /// Least recently changed first.
    #[serde(rename = "updated")]
    Updated,
    /// Most recently changed first (the default).
    #[default]
    #[serde(rename = "-updated")]
    UpdatedDesc,
}

impl Sort {
    /// The key the list query understands.
    pub fn key(self) -> &'static str {
        match self {
            Sort::Title => "title",
            Sort::TitleDesc => "-title",
            Sort::Created => "created",
            Sort::CreatedDesc => "-created",
            Sort::Updated => "updated",
            Sort::UpdatedDesc => "-updated",
        }
    }
}

/// Filters, order and page of the list.
#[derive(Clone, Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only this status.
    pub status: Option<Status>,
    /// Only this owner (a user id, or `me`).
    #[param(max_length = 64)]
    pub owner: Option<String>,
    /// Only this policy area.
    #[param(max_length = 64)]
    pub policy_area: Option<String>,
    /// Only this overall rating.
    #[param(max_length = 64)]
    pub rating: Option<String>,
    /// Archived assessments instead of current ones.
    pub archived: Option<bool>,
    /// Order (default `-updated`).
    pub sort: Option<Sort>,
    /// Page size, 1–100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0, maximum = 1000000)]
    pub offset: Option<i64>,
}

/// Paging of the audit log.
#[derive(Clone, Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size, 1–500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0, maximum = 1000000)]
    pub offset: Option<i64>,
}

/// A comment to add.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    /// The question (item id) it is about; none for the whole assessment.
    #[schema(max_length = 200)]
    pub item: Option<String>,
    /// The text (1–10,000 characters).
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
}

/// A comment.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Comment {
    /// Id.
    pub id: String,
    /// `comment`, or `return` for a reviewer's reasons to send the assessment back.
    pub kind: String,
    /// The version it was made on.
    pub version: i64,
    /// The question it is about; none for the whole assessment.
    pub item: Option<String>,
    /// Author.
    pub author: UserRef,
    /// Text.
    pub body: String,
    /// When.
    pub created_at: String,
}

impl From<&CommentRow> for Comment {
    fn from(c: &CommentRow) -> Self {
        Comment {
            id: c.id.clone(),
            kind: c.kind.clone(),
            version: c.version,
            item: c.item.clone(),
            author: UserRef {
                id: c.author_id.clone(),
                name: c.author_name.clone(),
            },
            body: c.body.clone(),
            created_at: time(c.created_at),
        }
    }
}

/// Reasons to send an assessment back to its author.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnReason {
    /// Why (1–10,000 characters).
    #[schema(min_length = 1, max_length = 10000)]
    pub reason: String,
}

/// A colleague to share with, by user id or by e-mail address (they must have signed in once).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewShare {
    /// User id.
    #[schema(max_length = 64)]
    pub user: Option<String>,
    /// E-mail address.
    #[schema(max_length = 320)]
    pub email: Option<String>,
}

/// A colleague an assessment is shared with.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Share {
    /// The colleague.
    pub user: UserRef,
    /// Since.
    pub since: String,
}

impl From<&ShareRow> for Share {
    fn from(s: &ShareRow) -> Self {
        Share {
            user: UserRef {
                id: s.user_id.clone(),
                name: s.name.clone(),
            },
            since: time(s.created_at),
        }
    }
}

/// An audit log entry.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    /// Id.
    pub id: String,
    /// When.
    pub at: String,
    /// Who (a user id), when a user did it.
    pub actor: Option<String>,
    /// What, e.g. `assessment.save`, `review.approve`, `share.add`.
    pub action: String,
    /// On which assessment.
    pub assessment: Option<String>,
    /// On which version.
    pub version: Option<i64>,
    /// Details: ids and codes.
    #[schema(value_type = Option<Object>)]
    pub detail: Option<serde_json::Value>,
}

impl From<&AuditRow> for AuditEntry {
    fn from(a: &AuditRow) -> Self {
        AuditEntry {
            id: a.id.clone(),
            at: time(a.at),
            actor: a.actor_id.clone(),
            action: a.action.clone(),
            assessment: a.assessment_id.clone(),
            version: a.version,
            detail: a
                .detail
                .as_deref()
                .and_then(|d| serde_json::from_str(d).ok()),
        }
    }
}

/// The caller's session.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SessionInfo {
    /// `single-user` (a laptop, no login) or `team` (OpenID Connect).
    pub mode: String,
    /// The signed-in user, if any.
    pub user: Option<SessionUser>,
    /// Send it as `X-CSRF-Token` with every request that changes something.
    pub csrf_token: Option<String>,
    /// Where to sign in (team mode).
    pub login_url: Option<String>,
    /// The server's ruleset.
    pub ruleset: RulesetRef,
}

/// The signed-in user and their global roles.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SessionUser {
    /// User id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Global roles: `reviewer`, `admin`.
    pub roles: Vec<String>,
}

/// Everything stored about one user (AVG export).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UserExport {
    /// The user.
    pub user: ExportedUser,
    /// Ids of the assessments they own.
    pub owned_assessments: Vec<String>,
    /// The versions they saved.
    pub versions: Vec<VersionDetail>,
    /// Their comments.
    pub comments: Vec<Comment>,
    /// The audit entries of their actions.
    pub audit: Vec<AuditEntry>,
}

/// A user's stored identity.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ExportedUser {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Global roles.
    pub roles: Vec<String>,
    /// Erased (pseudonymised).
    pub erased: bool,
}
