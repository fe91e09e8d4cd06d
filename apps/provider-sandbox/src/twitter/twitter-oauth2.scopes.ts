/** X's OAuth 2.0 scopes (developer.x.com, "OAuth 2.0 Authorization Code Flow with PKCE"). */
export const X_SCOPES = new Set([
  'tweet.read',
  'tweet.write',
  'tweet.moderate.write',
  'users.email',
  'users.read',
  'follows.read',
  'follows.write',
  'offline.access',
  'space.read',
  'mute.read',
  'mute.write',
  'like.read',
  'like.write',
  'list.read',
  'list.write',
  'block.read',
  'block.write',
  'bookmark.read',
  'bookmark.write',
  'media.write',
  'dm.read',
  'dm.write',
]);

/** Access tokens live two hours (expires_in 7200). */
export const X_TOKEN_TTL_S = 7200;

/** `users/me` needs both read scopes. */
export function canReadUsers(scopes: string[]): boolean {
  return scopes.includes('users.read') && scopes.includes('tweet.read');
}
