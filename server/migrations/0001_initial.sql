-- The team server's schema. One file serves SQLite and PostgreSQL: only types both read the same
-- way (TEXT, BIGINT, DOUBLE PRECISION). Times are microseconds since 1970 (UTC). Ids are random
-- (UUID v4 text), never sequential, so they cannot be guessed.

-- People who signed in (or the one local user). Erasure (AVG) replaces name, email, issuer and
-- subject with a pseudonym and sets `erased`; the id stays, so versions and the audit log keep
-- pointing at the same (now anonymous) person.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    issuer TEXT,
    subject TEXT,
    name TEXT NOT NULL,
    email TEXT,
    is_admin BIGINT NOT NULL DEFAULT 0,
    is_reviewer BIGINT NOT NULL DEFAULT 0,
    erased BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    last_login_at BIGINT
);
CREATE UNIQUE INDEX users_identity ON users (issuer, subject);

-- Admin rights granted by `sociale-bril admin add`, by e-mail address (verified by the identity
-- provider) or by subject, applied when that person signs in.
CREATE TABLE admin_grants (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (kind, value)
);

-- Sign-in sessions: only a hash of the cookie's token is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Logins in progress (OpenID Connect state, nonce and PKCE verifier), so that any server process
-- can finish a login another one started.
CREATE TABLE login_flows (
    state TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    return_to TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- Settings of this installation (the single-user mode's CSRF token).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every ruleset the server has used, by content hash, in its JSON form.
CREATE TABLE rulesets (
    hash TEXT PRIMARY KEY,
    ruleset_id TEXT NOT NULL,
    version TEXT NOT NULL,
    document TEXT NOT NULL,
    first_used_at BIGINT NOT NULL
);

-- An assessment: its current state. `head` is the number of its latest version; a save
-- succeeds only if it names that number (optimistic concurrency). The summary columns copy the
-- head version's for listing and filtering.
CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    submitted BIGINT NOT NULL DEFAULT 0,
    archived BIGINT NOT NULL DEFAULT 0,
    head BIGINT NOT NULL,
    title TEXT NOT NULL,
    policy_area TEXT,
    rating TEXT NOT NULL,
    percent DOUBLE PRECISION,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX assessments_owner ON assessments (owner_id);
CREATE INDEX assessments_updated ON assessments (updated_at);

-- Immutable versions: who, when, the proposal as saved (canonical JSON), the ruleset and the
-- assessment it gave (an opaque JSON copy in `assessment_format`), and summary columns.
CREATE TABLE versions (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    number BIGINT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    proposal TEXT NOT NULL,
    assessment TEXT NOT NULL,
    assessment_format TEXT NOT NULL,
    ruleset_hash TEXT NOT NULL REFERENCES rulesets (hash),
    title TEXT NOT NULL,
    policy_area TEXT,
    rating TEXT NOT NULL,
    percent DOUBLE PRECISION,
    PRIMARY KEY (assessment_id, number)
);

-- Sign-offs: a reviewer fixed (vastgesteld) this version.
CREATE TABLE signoffs (
    assessment_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    reviewer_id TEXT NOT NULL REFERENCES users (id),
    signed_at BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, version),
    FOREIGN KEY (assessment_id, version) REFERENCES versions (assessment_id, number)
);

-- Colleagues an assessment is shared with (editors).
CREATE TABLE shares (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, user_id)
);
CREATE INDEX shares_user ON shares (user_id);

-- Comments on an assessment (item NULL) or on one question (item = the item id), made on a
-- version. `kind` is `comment`, or `return` for a reviewer's reasons to send it back.
CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    version BIGINT NOT NULL,
    item TEXT,
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX comments_assessment ON comments (assessment_id, created_at);

-- The audit log: every action, who, when, on what. Details hold ids and codes, never names.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id TEXT REFERENCES users (id),
    action TEXT NOT NULL,
    assessment_id TEXT,
    version BIGINT,
    detail TEXT
);
CREATE INDEX audit_assessment ON audit_log (assessment_id, at);
CREATE INDEX audit_at ON audit_log (at);
