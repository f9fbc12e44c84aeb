//! OpenID Connect login: the authorization code flow with PKCE against the organisation's
//! identity provider, through the `openidconnect` crate. The login in progress (state, nonce,
//! PKCE verifier) is kept in the database, so any server process can finish it.

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken,
    EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    StandardErrorResponse, StandardTokenResponse, TokenResponse, UserInfoClaims,
};
use serde::{Deserialize, Serialize};

/// Claims beyond the standard ones (the group claim is looked up by its configured name).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ExtraClaims {
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}
impl AdditionalClaims for ExtraClaims {}

type Fields = IdTokenFields<
    ExtraClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type TokenResp = StandardTokenResponse<Fields, CoreTokenType>;
type OidcClient = Client<
    ExtraClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    TokenResp,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How group claims map to roles.
#[derive(Clone, Debug, Default)]
pub struct GroupMapping {
    /// The claim that lists the user's groups (`groups` by default).
    pub claim: String,
    /// Groups whose members are reviewers.
    pub reviewer: Vec<String>,
    /// Groups whose members are administrators.
    pub admin: Vec<String>,
}

/// The identity provider, discovered at start-up.
#[derive(Clone, Debug)]
pub struct Oidc {
    client: OidcClient,
    http: openidconnect::reqwest::Client,
    issuer: String,
    groups: GroupMapping,
}

/// A login failed.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// Configuration or discovery failed.
    #[error("OpenID Connect setup failed: {0}")]
    Setup(String),
    /// The identity provider's answer was refused.
    #[error("the login could not be completed: {0}")]
    Login(String),
}

/// Who logged in, with roles from the group claim.
#[derive(Clone, Debug)]
pub struct LoggedIn {
    /// Issuer.
    pub issuer: String,
    /// Subject.
    pub subject: String,
    /// Display name.
    pub name: String,
    /// Verified e-mail address.
    pub email: Option<String>,
    /// Reviewer by group.
    pub reviewer: bool,
    /// Administrator by group.
    pub admin: bool,
}

/// A login to start: where to send the browser and what to remember.
pub struct LoginStart {
    /// The identity provider's authorization URL.
    pub url: String,
    /// `state`.
    pub state: String,
    /// Nonce.
    pub nonce: String,
    /// PKCE verifier.
    pub verifier: String,
}

impl Oidc {
    /// Discovers the provider and builds the client.
    pub async fn discover(
        issuer: &str,
        client_id: &str,
        client_secret: Option<&str>,
        redirect: &str,
        groups: GroupMapping,
    ) -> Result<Oidc, OidcError> {
        let setup = |e: &dyn std::fmt::Display| OidcError::Setup(e.to_string());
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Following redirects would open the server to request forgery.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .map_err(|e| setup(&e))?;
        let issuer_url = IssuerUrl::new(issuer.to_string()).map_err(|e| setup(&e))?;
        let meta = CoreProviderMetadata::discover_async(issuer_url, &http)
            .await
            .map_err(|e| OidcError::Setup(format!("discovery at {issuer} failed: {e}")))?;
        let client = Client::from_provider_metadata(
            meta,
            ClientId::new(client_id.to_string()),
            client_secret.map(|s| ClientSecret::new(s.to_string())),
        )
        .set_redirect_uri(RedirectUrl::new(redirect.to_string()).map_err(|e| setup(&e))?);
        Ok(Oidc {
            client,
            http,
            issuer: issuer.to_string(),
            groups,
        })
    }

    /// A new login: the authorization URL with PKCE, state and nonce.
    pub fn start(&self) -> LoginStart {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = self
            .client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("openid".into()))
            .add_scope(Scope::new("profile".into()))
            .add_scope(Scope::new("email".into()))
            .set_pkce_challenge(challenge)
            .url();
        LoginStart {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
        }
    }

    /// Finishes a login: exchanges the code (with the PKCE verifier), verifies the ID token
    /// (signature, issuer, audience, expiry, nonce) and reads name, e-mail and groups (from the
    /// ID token, else from the userinfo endpoint).
    pub async fn finish(
        &self,
        code: &str,
        nonce: &str,
        verifier: &str,
    ) -> Result<LoggedIn, OidcError> {
        let login = |e: &dyn std::fmt::Display| OidcError::Login(e.to_string());
        let token = self
            .client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| login(&e))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_string()))
            .request_async(&self.http)
            .await
            .map_err(|e| login(&e))?;
        let id_token = token
            .id_token()
            .ok_or_else(|| OidcError::Login("the identity provider sent no ID token".into()))?;
        let claims = id_token
            .claims(
                &self.client.id_token_verifier(),
                &Nonce::new(nonce.to_string()),
            )
            .map_err(|e| login(&e))?;
        let subject = claims.subject().to_string();
        let mut name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string())
            .or_else(|| claims.preferred_username().map(|u| u.to_string()));
        let mut email = claims
            .email()
            .filter(|_| claims.email_verified() == Some(true))
            .map(|e| e.to_string());
        let mut groups = group_list(claims.additional_claims().other.get(&self.groups.claim));
        if groups.is_none() || name.is_none() {
            if let Ok(req) = self
                .client
                .user_info(token.access_token().clone(), Some(claims.subject().clone()))
            {
                let info: Result<UserInfoClaims<ExtraClaims, CoreGenderClaim>, _> =
                    req.request_async(&self.http).await;
                if let Ok(info) = info {
                    if groups.is_none() {
                        groups = group_list(info.additional_claims().other.get(&self.groups.claim));
                    }
                    if name.is_none() {
                        name = info
                            .name()
                            .and_then(|n| n.get(None))
                            .map(|n| n.to_string())
                            .or_else(|| info.preferred_username().map(|u| u.to_string()));
                    }
                    if email.is_none() && info.email_verified() == Some(true) {
                        email = info.email().map(|e| e.to_string());
                    }
                }
            }
        }
        let groups = groups.unwrap_or_default();
        let member = |wanted: &[String]| groups.iter().any(|g| wanted.contains(g));
        Ok(LoggedIn {
            issuer: self.issuer.clone(),
            name: name
                .unwrap_or_else(|| format!("user {}", subject.chars().take(8).collect::<String>())),
            email: email.map(|e| e.to_lowercase()),
            reviewer: member(&self.groups.reviewer),
            admin: member(&self.groups.admin),
            subject,
        })
    }
}

/// A group claim: an array of strings (or one string).
fn group_list(v: Option<&serde_json::Value>) -> Option<Vec<String>> {
    match v? {
        serde_json::Value::Array(a) => Some(
            a.iter()
                .filter_map(|g| g.as_str().map(str::to_string))
                .collect(),
        ),
        serde_json::Value::String(s) => Some(vec![s.clone()]),
        _ => None,
    }
}
