/** The long forms Google echoes next to `profile` and `email`. */
export const USERINFO_PROFILE = 'https://www.googleapis.com/auth/userinfo.profile';
export const USERINFO_EMAIL = 'https://www.googleapis.com/auth/userinfo.email';
const API_SCOPE_PREFIX = 'https://www.googleapis.com/auth/';
const SIGN_IN_SCOPES = new Set(['openid', 'profile', 'email', USERINFO_PROFILE, USERINFO_EMAIL]);

/** A parsed scope parameter, or why it is refused. */
export type ScopeCheck = { ok: true; scopes: string[] } | { ok: false; description: string };

/**
 * Parses Google's space-separated scope: each must be a sign-in scope or a googleapis.com scope
 * URL, and at least one sign-in scope (openid, profile, email) is required.
 */
export function parseGoogleScopes(scope: string | undefined): ScopeCheck {
  const scopes = [...new Set((scope ?? '').split(' ').filter((s) => s !== ''))];
  if (scopes.length === 0) return { ok: false, description: 'Missing required parameter: scope' };
  const invalid = scopes.filter((s) => !SIGN_IN_SCOPES.has(s) && !s.startsWith(API_SCOPE_PREFIX));
  if (invalid.length > 0) {
    return {
      ok: false,
      description: `Some requested scopes were invalid. {invalid=[${invalid.join(', ')}]}`,
    };
  }
  if (!scopes.some((s) => SIGN_IN_SCOPES.has(s))) {
    return { ok: false, description: 'The scope must include openid, profile or email.' };
  }
  return { ok: true, scopes };
}

/** The granted scopes as Google reports them: `profile`/`email` also in their URL form. */
export function grantedScopes(scopes: string[]): string[] {
  const granted = new Set(scopes);
  if (granted.has('profile')) granted.add(USERINFO_PROFILE);
  if (granted.has('email')) granted.add(USERINFO_EMAIL);
  return [...granted];
}

export function hasProfileScope(scopes: string[]): boolean {
  return scopes.includes('profile') || scopes.includes(USERINFO_PROFILE);
}

export function hasEmailScope(scopes: string[]): boolean {
  return scopes.includes('email') || scopes.includes(USERINFO_EMAIL);
}
