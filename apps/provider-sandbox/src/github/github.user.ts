import type { SandboxIdentity } from '../sandbox.types.js';
import { avatarUrl } from '../core/avatar-url.js';

/** GET /user: the authenticated user, in the REST API's shape (a subset of its fields). */
export function githubUser(identity: SandboxIdentity, baseUrl: string): Record<string, unknown> {
  const login = identity.username!;
  return {
    login,
    id: Number(identity.id),
    node_id: `U_kgDO${identity.id}`,
    avatar_url: avatarUrl(baseUrl, 'github', identity),
    html_url: `https://github.com/${login}`,
    type: 'User',
    site_admin: false,
    name: identity.name,
    company: null,
    blog: '',
    location: identity.location ?? null,
    // The public email: GitHub users often keep it private, as bob does.
    email: identity.emailVerified ? (identity.email ?? null) : null,
    bio: null,
    public_repos: 3,
    followers: 1,
    following: 2,
    created_at: identity.createdAt,
  };
}

/** GET /user/emails (scope `user:email`): every address, which one is primary, which verified. */
export function githubEmails(identity: SandboxIdentity): Record<string, unknown>[] {
  const noreply = {
    email: `${identity.id}+${identity.username}@users.noreply.github.com`,
    primary: !identity.email,
    verified: true,
    visibility: null,
  };
  return identity.email
    ? [
        {
          email: identity.email,
          primary: true,
          verified: identity.emailVerified === true,
          visibility: 'private',
        },
        noreply,
      ]
    : [noreply];
}
