/** The issuer's path on the sandbox: `${sandbox.url}/oidc`. */
export const OIDC_PATH = 'oidc';

/** Scopes the issuer knows; `offline_access` brings a refresh token (OIDC Core §11). */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

/** The issuer's metadata (OpenID Connect Discovery 1.0 §3, RFC 8414, RFC 9207). */
export function oidcMetadata(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
    token_endpoint: `${issuer}/protocol/openid-connect/token`,
    userinfo_endpoint: `${issuer}/protocol/openid-connect/userinfo`,
    jwks_uri: `${issuer}/protocol/openid-connect/certs`,
    revocation_endpoint: `${issuer}/protocol/openid-connect/revoke`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: OIDC_SCOPES,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nonce',
      'azp',
      'name',
      'given_name',
      'family_name',
      'preferred_username',
      'picture',
      'locale',
      'email',
      'email_verified',
    ],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
  };
}
