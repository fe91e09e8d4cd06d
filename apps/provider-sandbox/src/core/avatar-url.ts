import type { SandboxIdentity, SandboxProviderId } from '../sandbox.types.js';

/** Where the sandbox serves an identity's picture on a provider (see AvatarController). */
export function avatarUrl(
  baseUrl: string,
  provider: SandboxProviderId,
  identity: Pick<SandboxIdentity, 'key'>,
): string {
  return `${baseUrl}/__sandbox/avatars/${provider}/${identity.key}.svg`;
}
