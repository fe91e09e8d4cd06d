import type { SandboxIdentity } from '../sandbox.types.js';
import { avatarUrl } from '../core/avatar-url.js';

/** Where the sandbox serves an identity's picture on the OpenID Connect issuer. */
export function oidcPicture(identity: SandboxIdentity, baseUrl: string): string {
  return avatarUrl(baseUrl, 'oidc', identity);
}

/**
 * The standard claims (OIDC Core §5.1, §5.4) the granted scopes release: names, username,
 * picture and locale with `profile`; `email` and its boolean `email_verified` with `email`.
 */
export function oidcClaims(
  identity: SandboxIdentity,
  scopes: string[],
  baseUrl: string,
): Record<string, unknown> {
  return {
    sub: identity.id,
    ...(scopes.includes('profile')
      ? {
          name: identity.name,
          given_name: identity.givenName,
          family_name: identity.familyName,
          preferred_username: identity.username,
          picture: oidcPicture(identity, baseUrl),
          ...(identity.locale ? { locale: identity.locale } : {}),
        }
      : {}),
    ...(scopes.includes('email') && identity.email
      ? { email: identity.email, email_verified: identity.emailVerified === true }
      : {}),
  };
}
