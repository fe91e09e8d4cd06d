import { SANDBOX_PROVIDERS, type SandboxClient, type SandboxProviderId } from '../sandbox.types.js';
import { secureEqual } from './secure-compare.js';

/** The registered applications, keyed by provider and client id. */
export class ClientRegistry {
  private readonly clients = new Map<string, SandboxClient>();

  /** Adds or replaces a client. Throws a TypeError that names the bad field. */
  register(client: SandboxClient): void {
    assertClient(client);
    const copy = { ...client, redirectUris: [...client.redirectUris] };
    this.clients.set(keyOf(client.provider, client.clientId), copy);
  }

  find(provider: SandboxProviderId, clientId: string | undefined): SandboxClient | undefined {
    return clientId === undefined ? undefined : this.clients.get(keyOf(provider, clientId));
  }

  /** The client when `clientSecret` is its secret. */
  authenticate(
    provider: SandboxProviderId,
    clientId: string | undefined,
    clientSecret: string | undefined,
  ): SandboxClient | undefined {
    const client = this.find(provider, clientId);
    if (!client || clientSecret === undefined) return undefined;
    return secureEqual(client.clientSecret, clientSecret) ? client : undefined;
  }
}

/** Whether `uri` is exactly one of the client's registered redirect URIs (no normalisation). */
export function allowsRedirect(client: SandboxClient, uri: string | undefined): uri is string {
  return uri !== undefined && client.redirectUris.includes(uri);
}

function keyOf(provider: SandboxProviderId, clientId: string): string {
  return `${provider}\u0000${clientId}`;
}

function assertClient(client: SandboxClient): void {
  if (typeof client !== 'object' || client === null)
    throw new TypeError('client must be an object');
  if (!SANDBOX_PROVIDERS.includes(client.provider)) {
    throw new TypeError(`client.provider must be one of ${SANDBOX_PROVIDERS.join(', ')}`);
  }
  if (typeof client.clientId !== 'string' || client.clientId === '') {
    throw new TypeError('client.clientId must be a non-empty string');
  }
  if (typeof client.clientSecret !== 'string' || client.clientSecret === '') {
    throw new TypeError('client.clientSecret must be a non-empty string');
  }
  if (!Array.isArray(client.redirectUris)) {
    throw new TypeError('client.redirectUris must be an array of absolute http(s) URLs');
  }
  for (const uri of client.redirectUris) {
    if (typeof uri !== 'string' || !/^https?:\/\/[^/]/i.test(uri) || !URL.canParse(uri)) {
      throw new TypeError(
        `client.redirectUris: ${JSON.stringify(uri)} is not an absolute http(s) URL`,
      );
    }
  }
}
