//! The data layer: one set of queries over sqlx's `Any` driver, for SQLite (one file, the
//! default) and PostgreSQL. Every query is a fixed SQL text with bound parameters; nothing is
//! built from strings. The database is the only state: several server processes can share one
//! PostgreSQL database.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Connection, Executor, FromRow};

use crate::engine::{RulesetIdentity, Scored};

/// The schema's migrations (server/migrations), run at start-up.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A database failure.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database said no (connection lost, constraint, ...).
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// A migration failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database URL is not one the server can use.
    #[error("unsupported database URL (use a file path, sqlite://FILE or postgres://…): {0}")]
    Url(String),
}

/// Which database the server talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// The connection pool and its backend.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

/// Microseconds since 1970 (UTC), the unit of every time column.
pub fn now_us() -> i64 {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

/// A new random, non-guessable id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The database URL for a setting: a PostgreSQL URL, an `sqlite:` URL, or a plain file path.
pub fn normalize_url(setting: &str) -> Result<(String, Backend), DbError> {
    if setting.starts_with("postgres://") || setting.starts_with("postgresql://") {
        Ok((setting.to_string(), Backend::Postgres))
    } else if setting.starts_with("sqlite:") {
        Ok((setting.to_string(), Backend::Sqlite))
    } else if setting.contains("://") {
        Err(DbError::Url(redact(setting)))
    } else {
        Ok((format!("sqlite://{setting}?mode=rwc"), Backend::Sqlite))
    }
}

/// A database URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// An assessment's current state, as stored.
#[derive(Clone, Debug, FromRow)]
pub struct AssessmentRow {
    /// Id.
    pub id: String,
    /// Owner (author).
    pub owner_id: String,
    /// Owner's display name.
    pub owner_name: String,
    /// `concept`, `in_review` or `approved`.
    pub status: String,
    /// 1 once it was submitted for review.
    pub submitted: i64,
    /// 1 when archived.
    pub archived: i64,
    /// Number of the latest version.
    pub head: i64,
    /// Title.
    pub title: String,
    /// Policy area option id.
    pub policy_area: Option<String>,
    /// Overall rating.
    pub rating: String,
    /// Overall percent.
    pub percent: Option<f64>,
    /// Created (µs).
    pub created_at: i64,
    /// Last change (µs).
    pub updated_at: i64,
}

/// A row of a list page: the assessment and the number of matches.
#[derive(FromRow)]
struct ListRow {
    #[sqlx(flatten)]
    a: AssessmentRow,
    total: i64,
}

/// One stored version.
#[derive(Clone, Debug, FromRow)]
pub struct VersionRow {
    /// Assessment id.
    pub assessment_id: String,
    /// Version number, from 1.
    pub number: i64,
    /// Who saved it.
    pub author_id: String,
    /// Their display name.
    pub author_name: String,
    /// When (µs).
    pub created_at: i64,
    /// The proposal (canonical JSON).
    pub proposal: String,
    /// The assessment (canonical JSON).
    pub assessment: String,
    /// Format of `assessment`.
    pub assessment_format: String,
    /// Ruleset hash.
    pub ruleset_hash: String,
    /// Ruleset id.
    pub ruleset_id: String,
    /// Ruleset version.
    pub ruleset_version: String,
    /// Title.
    pub title: String,
    /// Overall rating.
    pub rating: String,
    /// Overall percent.
    pub percent: Option<f64>,
    /// Reviewer who signed it off, if any.
    pub signed_off_by: Option<String>,
    /// Their display name.
    pub signed_off_by_name: Option<String>,
    /// When it was signed off (µs).
    pub signed_at: Option<i64>,
}

/// A user.
#[derive(Clone, Debug, FromRow)]
pub struct UserRow {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// E-mail address (lower case), if known.
    pub email: Option<String>,
    /// 1 for an administrator.
    pub is_admin: i64,
    /// 1 for a reviewer.
    pub is_reviewer: i64,
    /// 1 when erased (pseudonymised).
    pub erased: i64,
}

/// A session and its user.
#[derive(Clone, Debug, FromRow)]
pub struct SessionRow {
    /// The session's CSRF token.
    pub csrf_token: String,
    /// The user's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// 1 for an administrator.
    pub is_admin: i64,
    /// 1 for a reviewer.
    pub is_reviewer: i64,
}

/// A comment.
#[derive(Clone, Debug, FromRow)]
pub struct CommentRow {
    /// Id.
    pub id: String,
    /// `comment` or `return`.
    pub kind: String,
    /// Version it was made on.
    pub version: i64,
    /// Item id, or none for the whole assessment.
    pub item: Option<String>,
    /// Author.
    pub author_id: String,
    /// Author's display name.
    pub author_name: String,
    /// Text.
    pub body: String,
    /// When (µs).
    pub created_at: i64,
}

/// An audit log entry.
#[derive(Clone, Debug, FromRow)]
pub struct AuditRow {
    /// Id.
    pub id: String,
    /// When (µs).
    pub at: i64,
    /// Who, when a user did it.
    pub actor_id: Option<String>,
    /// What, e.g. `assessment.save`.
    pub action: String,
    /// On which assessment.
    pub assessment_id: Option<String>,
    /// On which version.
    pub version: Option<i64>,
    /// Details (JSON): ids and codes.
    pub detail: Option<String>,
}

/// A colleague an assessment is shared with.
#[derive(Clone, Debug, FromRow)]
pub struct ShareRow {
    /// User id.
    pub user_id: String,
    /// Display name.
    pub name: String,
    /// Since (µs).
    pub created_at: i64,
}

/// Who is asking: the user and their global roles.
#[derive(Clone, Debug)]
pub struct Actor {
    /// User id.
    pub id: String,
    /// Administrator.
    pub admin: bool,
    /// Reviewer.
    pub reviewer: bool,
}

/// List filters (all optional) and paging.
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    /// Status.
    pub status: Option<String>,
    /// Owner's user id.
    pub owner: Option<String>,
    /// Policy area option id.
    pub policy_area: Option<String>,
    /// Overall rating.
    pub rating: Option<String>,
    /// Archived ones instead of current ones.
    pub archived: bool,
    /// One of `title`, `-title`, `created`, `-created`, `updated`, `-updated`.
    pub sort: &'static str,
    /// Page size.
    pub limit: i64,
    /// Rows to skip.
    pub offset: i64,
}

/// Why a conditional change of an assessment did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The assessment does not exist.
    NotFound,
    /// The base version is not the latest.
    Stale,
    /// Its status does not allow the change.
    Status(String),
    /// It is archived.
    Archived,
}

/// A fresh identity from the identity provider, at login.
#[derive(Clone, Debug)]
pub struct LoginIdentity {
    /// Issuer URL.
    pub issuer: String,
    /// Subject.
    pub subject: String,
    /// Display name.
    pub name: String,
    /// E-mail address, when verified.
    pub email: Option<String>,
    /// Admin by group claim.
    pub admin: bool,
    /// Reviewer by group claim.
    pub reviewer: bool,
}

/// `SELECT` of an assessment row with its owner's name (`$1` = id).
const SELECT_ASSESSMENT: &str = "SELECT a.id, a.owner_id, u.name AS owner_name, a.status, a.submitted, a.archived, a.head, \
     a.title, a.policy_area, a.rating, a.percent, a.created_at, a.updated_at \
     FROM assessments a JOIN users u ON u.id = a.owner_id WHERE a.id = $1";

/// `SELECT` of versions with author, ruleset and sign-off (`$1` = assessment id, `$2` = number
/// or NULL for all).
const SELECT_VERSIONS: &str = "SELECT v.assessment_id, v.number, v.author_id, u.name AS author_name, v.created_at, \
     v.proposal, v.assessment, v.assessment_format, v.ruleset_hash, r.ruleset_id, r.version AS ruleset_version, \
     v.title, v.rating, v.percent, s.reviewer_id AS signed_off_by, su.name AS signed_off_by_name, s.signed_at \
     FROM versions v JOIN users u ON u.id = v.author_id JOIN rulesets r ON r.hash = v.ruleset_hash \
     LEFT JOIN signoffs s ON s.assessment_id = v.assessment_id AND s.version = v.number \
     LEFT JOIN users su ON su.id = s.reviewer_id \
     WHERE v.assessment_id = $1 AND ($2 IS NULL OR v.number = $2) ORDER BY v.number DESC";

impl Db {
    /// Connects (creating an SQLite file if needed) and runs the migrations.
    pub async fn connect(setting: &str, max_connections: u32) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let (url, backend) = normalize_url(setting)?;
        let options = AnyConnectOptions::from_str(&url)?;
        if backend == Backend::Sqlite {
            // WAL lets readers work while one writer saves; it is a property of the file, set
            // once on a single connection before the pool opens more.
            let mut conn = sqlx::AnyConnection::connect_with(&options).await?;
            conn.execute("PRAGMA journal_mode = WAL").await?;
            conn.close().await?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    if conn.backend_name() == "SQLite" {
                        // Every acknowledged save is on disk (also after a power cut), foreign
                        // keys hold, and a writer waits for another instead of failing.
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let db = Db { pool, backend };
        MIGRATOR.run(&db.pool).await?;
        Ok(db)
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes the pool (at shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Records a ruleset (by hash) the server uses, once.
    pub async fn remember_ruleset(
        &self,
        r: &RulesetIdentity,
        document: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO rulesets (hash, ruleset_id, version, document, first_used_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING",
        )
        .bind(&r.hash)
        .bind(&r.id)
        .bind(&r.version)
        .bind(document)
        .bind(now_us())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A stored ruleset's JSON form, by hash.
    pub async fn ruleset_document(&self, hash: &str) -> Result<Option<String>, DbError> {
        Ok(
            sqlx::query_scalar("SELECT document FROM rulesets WHERE hash = $1")
                .bind(hash)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    // ---- users, sessions, logins ------------------------------------------------------------

    /// The local user of single-user mode (created on first use): an administrator.
    pub async fn local_user(&self) -> Result<String, DbError> {
        let id: String = sqlx::query_scalar(
            "INSERT INTO users (id, issuer, subject, name, is_admin, is_reviewer, created_at) \
             VALUES ($1, 'local', 'local', 'Local user', 1, 1, $2) \
             ON CONFLICT (issuer, subject) DO UPDATE SET is_admin = 1 RETURNING id",
        )
        .bind(new_id())
        .bind(now_us())
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// A setting, created with `make` when missing (the first writer wins).
    pub async fn setting(
        &self,
        key: &str,
        make: impl FnOnce() -> String,
    ) -> Result<String, DbError> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(make())
        .execute(&self.pool)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                .bind(key)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Creates or updates the user of an identity at login; returns the user id. Admin rights
    /// come from the group claim or a grant (`sociale-bril admin add`).
    pub async fn login_user(&self, who: &LoginIdentity) -> Result<String, DbError> {
        let granted: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM admin_grants WHERE (kind = 'subject' AND value = $1) \
             OR (kind = 'email' AND value = $2)",
        )
        .bind(&who.subject)
        .bind(who.email.as_deref().unwrap_or(""))
        .fetch_one(&self.pool)
        .await?;
        let admin = i64::from(who.admin || granted > 0);
        let now = now_us();
        let id: String = sqlx::query_scalar(
            "INSERT INTO users (id, issuer, subject, name, email, is_admin, is_reviewer, created_at, last_login_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
             ON CONFLICT (issuer, subject) DO UPDATE SET name = $4, email = $5, is_admin = $6, \
             is_reviewer = $7, last_login_at = $8 RETURNING id",
        )
        .bind(new_id())
        .bind(&who.issuer)
        .bind(&who.subject)
        .bind(&who.name)
        .bind(who.email.as_deref())
        .bind(admin)
        .bind(i64::from(who.reviewer))
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Grants admin rights to whoever signs in with this e-mail address or subject.
    pub async fn grant_admin(&self, kind: &str, value: &str) -> Result<(), DbError> {
        let value = if kind == "email" {
            value.to_lowercase()
        } else {
            value.to_string()
        };
        sqlx::query(
            "INSERT INTO admin_grants (kind, value, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (kind, value) DO NOTHING",
        )
        .bind(kind)
        .bind(&value)
        .bind(now_us())
        .execute(&self.pool)
        .await?;
        sqlx::query(
            "UPDATE users SET is_admin = 1 WHERE erased = 0 AND \
             (($1 = 'email' AND email = $2) OR ($1 = 'subject' AND subject = $2))",
        )
        .bind(kind)
        .bind(&value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A user by id.
    pub async fn user(&self, id: &str) -> Result<Option<UserRow>, DbError> {
        Ok(sqlx::query_as(
            "SELECT id, name, email, is_admin, is_reviewer, erased FROM users WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// A user by e-mail address (not erased).
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, DbError> {
        Ok(sqlx::query_as(
            "SELECT id, name, email, is_admin, is_reviewer, erased FROM users \
             WHERE email = $1 AND erased = 0",
        )
        .bind(email.to_lowercase())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Stores a session.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        csrf: &str,
        expires_at: i64,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf)
        .bind(now_us())
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The live session with this token hash, and its user.
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, DbError> {
        Ok(sqlx::query_as(
            "SELECT s.csrf_token, u.id, u.name, u.is_admin, u.is_reviewer FROM sessions s \
             JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2 \
             AND u.erased = 0",
        )
        .bind(token_hash)
        .bind(now_us())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Ends a session.
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), DbError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores a login in progress.
    pub async fn create_login_flow(
        &self,
        state: &str,
        nonce: &str,
        verifier: &str,
        return_to: &str,
        expires_at: i64,
    ) -> Result<(), DbError> {
        sqlx::query("DELETE FROM login_flows WHERE expires_at < $1")
            .bind(now_us())
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO login_flows (state, nonce, pkce_verifier, return_to, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(state)
        .bind(nonce)
        .bind(verifier)
        .bind(return_to)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Takes (reads and deletes) a login in progress: `(nonce, verifier, return_to)`. One
    /// statement, so a state is used once even with several server processes.
    pub async fn take_login_flow(
        &self,
        state: &str,
    ) -> Result<Option<(String, String, String)>, DbError> {
        Ok(sqlx::query_as(
            "DELETE FROM login_flows WHERE state = $1 AND expires_at > $2 \
             RETURNING nonce, pkce_verifier, return_to",
        )
        .bind(state)
        .bind(now_us())
        .fetch_optional(&self.pool)
        .await?)
    }

    // ---- assessments ------------------------------------------------------------------------

    /// Creates an assessment with its first version.
    pub async fn create_assessment(
        &self,
        owner: &str,
        scored: &Scored,
        ruleset_hash: &str,
    ) -> Result<String, DbError> {
        let id = new_id();
        let now = now_us();
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO assessments (id, owner_id, status, submitted, archived, head, title, policy_area, \
             rating, percent, created_at, updated_at) VALUES ($1, $2, 'concept', 0, 0, 1, $3, $4, $5, $6, $7, $7)",
        )
        .bind(&id)
        .bind(owner)
        .bind(&scored.title)
        .bind(scored.policy_area.as_deref())
        .bind(&scored.rating)
        .bind(scored.percent)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        insert_version(&mut tx, &id, 1, owner, scored, ruleset_hash, now).await?;
        audit_in(
            &mut tx,
            Some(owner),
            "assessment.create",
            Some(&id),
            Some(1),
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Saves a new version on top of version `base`. The check and the write are one
    /// conditional update, so two saves on the same base cannot both succeed, in one process or
    /// in several. A save of an approved assessment starts a new round (status `concept`).
    pub async fn save_version(
        &self,
        id: &str,
        base: i64,
        author: &str,
        scored: &Scored,
        ruleset_hash: &str,
    ) -> Result<Result<i64, Refusal>, DbError> {
        let now = now_us();
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE assessments SET head = head + 1, title = $3, policy_area = $4, rating = $5, \
             percent = $6, updated_at = $7, status = CASE WHEN status = 'approved' THEN 'concept' ELSE status END \
             WHERE id = $1 AND head = $2 AND status <> 'in_review' AND archived = 0",
        )
        .bind(id)
        .bind(base)
        .bind(&scored.title)
        .bind(scored.policy_area.as_deref())
        .bind(&scored.rating)
        .bind(scored.percent)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(Err(self.refusal(id, base).await?));
        }
        let number = base + 1;
        insert_version(&mut tx, id, number, author, scored, ruleset_hash, now).await?;
        audit_in(
            &mut tx,
            Some(author),
            "assessment.save",
            Some(id),
            Some(number),
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(number))
    }

    /// Why a conditional change on `base` was refused.
    async fn refusal(&self, id: &str, base: i64) -> Result<Refusal, DbError> {
        Ok(match self.assessment(id).await? {
            None => Refusal::NotFound,
            Some(a) if a.head != base => Refusal::Stale,
            Some(a) if a.archived != 0 => Refusal::Archived,
            Some(a) => Refusal::Status(a.status),
        })
    }

    /// Moves an assessment from one status to another, if its head is still `base`. For
    /// `approved`, the head version is signed off by `actor`. The audit entry is written in the
    /// same transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn transition(
        &self,
        id: &str,
        base: i64,
        from: &str,
        to: &str,
        actor: &str,
        action: &str,
        reason: Option<&str>,
    ) -> Result<Result<(), Refusal>, DbError> {
        let now = now_us();
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE assessments SET status = $4, updated_at = $5, \
             submitted = CASE WHEN $4 = 'in_review' THEN 1 ELSE submitted END \
             WHERE id = $1 AND head = $2 AND status = $3 AND archived = 0",
        )
        .bind(id)
        .bind(base)
        .bind(from)
        .bind(to)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(Err(self.refusal(id, base).await?));
        }
        if to == "approved" {
            sqlx::query(
                "INSERT INTO signoffs (assessment_id, version, reviewer_id, signed_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(base)
            .bind(actor)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let mut detail = None;
        if let Some(reason) = reason {
            let comment = new_id();
            sqlx::query(
                "INSERT INTO comments (id, kind, assessment_id, version, item, author_id, body, created_at) \
                 VALUES ($1, 'return', $2, $3, NULL, $4, $5, $6)",
            )
            .bind(&comment)
            .bind(id)
            .bind(base)
            .bind(actor)
            .bind(reason)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            detail = Some(serde_json::json!({ "comment": comment }).to_string());
        }
        audit_in(
            &mut tx,
            Some(actor),
            action,
            Some(id),
            Some(base),
            detail.as_deref(),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// Archives or restores an assessment.
    pub async fn set_archived(
        &self,
        id: &str,
        archived: bool,
        actor: &str,
    ) -> Result<bool, DbError> {
        let now = now_us();
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("UPDATE assessments SET archived = $2, updated_at = $3 WHERE id = $1 AND archived <> $2")
            .bind(id)
            .bind(i64::from(archived))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let changed = done.rows_affected() == 1;
        if changed {
            let action = if archived {
                "assessment.archive"
            } else {
                "assessment.restore"
            };
            audit_in(&mut tx, Some(actor), action, Some(id), None, None, now).await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// An assessment's current state.
    pub async fn assessment(&self, id: &str) -> Result<Option<AssessmentRow>, DbError> {
        Ok(sqlx::query_as(SELECT_ASSESSMENT)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Whether the assessment is shared with the user.
    pub async fn is_shared_with(&self, id: &str, user: &str) -> Result<bool, DbError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM shares WHERE assessment_id = $1 AND user_id = $2",
        )
        .bind(id)
        .bind(user)
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    /// The assessments the actor may read, filtered, sorted and paged, and how many match.
    pub async fn list(
        &self,
        who: &Actor,
        q: &ListQuery,
    ) -> Result<(Vec<AssessmentRow>, i64), DbError> {
        let rows = self.list_page(who, q, q.limit, q.offset).await?;
        let total = match rows.first() {
            Some((_, total)) => *total,
            // An empty page past the end: count with the first row of the same query.
            None if q.offset > 0 => self
                .list_page(who, q, 1, 0)
                .await?
                .first()
                .map_or(0, |r| r.1),
            None => 0,
        };
        Ok((rows.into_iter().map(|(a, _)| a).collect(), total))
    }

    async fn list_page(
        &self,
        who: &Actor,
        q: &ListQuery,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<(AssessmentRow, i64)>, DbError> {
        // $1 user, $2 admin, $3 reviewer: the visibility rule `access::role` applies to one
        // assessment; $4.. the filters; $9 the sort key.
        let rows: Vec<ListRow> = sqlx::query_as(
            "SELECT a.id, a.owner_id, u.name AS owner_name, a.status, a.submitted, a.archived, a.head, \
             a.title, a.policy_area, a.rating, a.percent, a.created_at, a.updated_at, COUNT(*) OVER () AS total \
             FROM assessments a JOIN users u ON u.id = a.owner_id WHERE \
             ($2 = 1 OR a.owner_id = $1 OR ($3 = 1 AND a.submitted = 1) \
             OR EXISTS (SELECT 1 FROM shares s WHERE s.assessment_id = a.id AND s.user_id = $1)) \
             AND ($4 IS NULL OR a.status = $4) AND ($5 IS NULL OR a.owner_id = $5) \
             AND ($6 IS NULL OR a.policy_area = $6) AND ($7 IS NULL OR a.rating = $7) AND a.archived = $8 \
             ORDER BY CASE WHEN $9 = 'title' THEN a.title END ASC, CASE WHEN $9 = '-title' THEN a.title END DESC, \
             CASE WHEN $9 = 'created' THEN a.created_at END ASC, CASE WHEN $9 = '-created' THEN a.created_at END DESC, \
             CASE WHEN $9 = 'updated' THEN a.updated_at END ASC, CASE WHEN $9 = '-updated' THEN a.updated_at END DESC, \
             a.id ASC LIMIT $10 OFFSET $11",
        )
        .bind(&who.id)
        .bind(i64::from(who.admin))
        .bind(i64::from(who.reviewer))
        .bind(q.status.as_deref())
        .bind(q.owner.as_deref())
        .bind(q.policy_area.as_deref())
        .bind(q.rating.as_deref())
        .bind(i64::from(q.archived))
        .bind(q.sort)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| (r.a, r.total)).collect())
    }

    /// All versions of an assessment (newest first), or one.
    pub async fn versions(
        &self,
        id: &str,
        number: Option<i64>,
    ) -> Result<Vec<VersionRow>, DbError> {
        Ok(sqlx::query_as(SELECT_VERSIONS)
            .bind(id)
            .bind(number)
            .fetch_all(&self.pool)
            .await?)
    }

    // ---- comments, shares, audit ------------------------------------------------------------

    /// Adds a comment on a version, to the assessment or one item.
    pub async fn add_comment(
        &self,
        id: &str,
        version: i64,
        item: Option<&str>,
        author: &str,
        body: &str,
    ) -> Result<String, DbError> {
        let cid = new_id();
        let now = now_us();
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO comments (id, kind, assessment_id, version, item, author_id, body, created_at) \
             VALUES ($1, 'comment', $2, $3, $4, $5, $6, $7)",
        )
        .bind(&cid)
        .bind(id)
        .bind(version)
        .bind(item)
        .bind(author)
        .bind(body)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let detail = serde_json::json!({ "comment": cid, "item": item }).to_string();
        audit_in(
            &mut tx,
            Some(author),
            "comment.add",
            Some(id),
            Some(version),
            Some(&detail),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(cid)
    }

    /// The comments on an assessment, oldest first.
    pub async fn comments(&self, id: &str) -> Result<Vec<CommentRow>, DbError> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.kind, c.version, c.item, c.author_id, u.name AS author_name, c.body, c.created_at \
             FROM comments c JOIN users u ON u.id = c.author_id WHERE c.assessment_id = $1 \
             ORDER BY c.created_at, c.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Shares an assessment with a user (an editor), or stops sharing. False when nothing
    /// changed.
    pub async fn set_share(
        &self,
        id: &str,
        user: &str,
        actor: &str,
        shared: bool,
    ) -> Result<bool, DbError> {
        let now = now_us();
        let mut tx = self.pool.begin().await?;
        let query = if shared {
            sqlx::query(
                "INSERT INTO shares (assessment_id, user_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (assessment_id, user_id) DO NOTHING",
            )
            .bind(id)
            .bind(user)
            .bind(now)
        } else {
            sqlx::query("DELETE FROM shares WHERE assessment_id = $1 AND user_id = $2")
                .bind(id)
                .bind(user)
        };
        let changed = query.execute(&mut *tx).await?.rows_affected() == 1;
        if changed {
            let detail = serde_json::json!({ "user": user }).to_string();
            let action = if shared { "share.add" } else { "share.remove" };
            audit_in(
                &mut tx,
                Some(actor),
                action,
                Some(id),
                None,
                Some(&detail),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// The colleagues an assessment is shared with.
    pub async fn shares(&self, id: &str) -> Result<Vec<ShareRow>, DbError> {
        Ok(sqlx::query_as(
            "SELECT s.user_id, u.name, s.created_at FROM shares s JOIN users u ON u.id = s.user_id \
             WHERE s.assessment_id = $1 ORDER BY s.created_at, s.user_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Writes an audit entry on its own.
    pub async fn audit(
        &self,
        actor: Option<&str>,
        action: &str,
        assessment: Option<&str>,
        detail: Option<&str>,
    ) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        audit_in(&mut tx, actor, action, assessment, None, detail, now_us()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Audit entries, newest first: of one assessment, or all (`None`), paged.
    pub async fn audit_log(
        &self,
        assessment: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<AuditRow>, DbError> {
        Ok(sqlx::query_as(
            "SELECT id, at, actor_id, action, assessment_id, version, detail FROM audit_log \
             WHERE ($1 IS NULL OR assessment_id = $1) ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3",
        )
        .bind(assessment)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?)
    }

    // ---- one user's data (AVG) --------------------------------------------------------------

    /// Everything stored about a user: the user row, the assessments they own, the versions
    /// they saved, their comments and the audit entries of their actions.
    pub async fn user_data(
        &self,
        user: &str,
    ) -> Result<
        Option<(
            UserRow,
            Vec<String>,
            Vec<VersionRow>,
            Vec<CommentRow>,
            Vec<AuditRow>,
        )>,
        DbError,
    > {
        let Some(u) = self.user(user).await? else {
            return Ok(None);
        };
        let owned: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM assessments WHERE owner_id = $1 ORDER BY created_at, id",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        let versions: Vec<VersionRow> = sqlx::query_as(
            "SELECT v.assessment_id, v.number, v.author_id, u.name AS author_name, v.created_at, \
             v.proposal, v.assessment, v.assessment_format, v.ruleset_hash, r.ruleset_id, r.version AS ruleset_version, \
             v.title, v.rating, v.percent, s.reviewer_id AS signed_off_by, su.name AS signed_off_by_name, s.signed_at \
             FROM versions v JOIN users u ON u.id = v.author_id JOIN rulesets r ON r.hash = v.ruleset_hash \
             LEFT JOIN signoffs s ON s.assessment_id = v.assessment_id AND s.version = v.number \
             LEFT JOIN users su ON su.id = s.reviewer_id \
             WHERE v.author_id = $1 ORDER BY v.created_at, v.assessment_id, v.number",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        let comments: Vec<CommentRow> = sqlx::query_as(
            "SELECT c.id, c.kind, c.version, c.item, c.author_id, u.name AS author_name, c.body, c.created_at \
             FROM comments c JOIN users u ON u.id = c.author_id WHERE c.author_id = $1 ORDER BY c.created_at, c.id",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        let audit: Vec<AuditRow> = sqlx::query_as(
            "SELECT id, at, actor_id, action, assessment_id, version, detail FROM audit_log \
             WHERE actor_id = $1 ORDER BY at, id",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some((u, owned, versions, comments, audit)))
    }

    /// Erases a user (AVG): name, e-mail address and identity become a pseudonym, sessions and
    /// shares end. Versions, comments and the audit log keep the (now anonymous) user id.
    pub async fn erase_user(&self, user: &str, actor: &str) -> Result<bool, DbError> {
        let now = now_us();
        let pseudonym = format!("Erased user {}", user.chars().take(8).collect::<String>());
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE users SET name = $2, email = NULL, issuer = 'erased', subject = $1, \
             is_admin = 0, is_reviewer = 0, erased = 1 WHERE id = $1 AND erased = 0",
        )
        .bind(user)
        .bind(&pseudonym)
        .execute(&mut *tx)
        .await?;
        let erased = done.rows_affected() == 1;
        if erased {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM shares WHERE user_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "user": user }).to_string();
            audit_in(
                &mut tx,
                Some(actor),
                "user.erase",
                None,
                None,
                Some(&detail),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(erased)
    }
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

async fn insert_version(
    tx: &mut Tx<'_>,
    id: &str,
    number: i64,
    author: &str,
    scored: &Scored,
    ruleset_hash: &str,
    now: i64,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO versions (assessment_id, number, author_id, created_at, proposal, assessment, \
         assessment_format, ruleset_hash, title, policy_area, rating, percent) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id)
    .bind(number)
    .bind(author)
    .bind(now)
    .bind(&scored.proposal)
    .bind(&scored.assessment)
    .bind(crate::engine::ASSESSMENT_FORMAT)
    .bind(ruleset_hash)
    .bind(&scored.title)
    .bind(scored.policy_area.as_deref())
    .bind(&scored.rating)
    .bind(scored.percent)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn audit_in(
    tx: &mut Tx<'_>,
    actor: Option<&str>,
    action: &str,
    assessment: Option<&str>,
    version: Option<i64>,
    detail: Option<&str>,
    at: i64,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, assessment_id, version, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(assessment)
    .bind(version)
    .bind(detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
