import type { SandboxIdentity } from '../sandbox.types.js';

/** The v2 `users/self` user object. `contact` is always present; `email` only when known. */
export function foursquareUser(
  identity: SandboxIdentity,
  baseUrl: string,
): Record<string, unknown> {
  return {
    id: identity.id,
    firstName: identity.givenName,
    lastName: identity.familyName,
    gender: identity.gender ?? 'none',
    relationship: 'self',
    canonicalUrl: `https://foursquare.com/user/${identity.id}`,
    // A photo URL is prefix + size (e.g. 100x100) + suffix.
    photo: {
      prefix: `${baseUrl}/__sandbox/avatars/foursquare/`,
      suffix: `/${identity.key}.svg`,
    },
    friends: { count: 0, groups: [] },
    type: 'user',
    contact: identity.email ? { email: identity.email } : {},
    checkins: { count: 0, items: [] },
    createdAt: Math.floor(Date.parse(identity.createdAt) / 1000),
  };
}
