import type { SandboxIdentity, SandboxProviderId } from '../sandbox.types.js';

/** An authorization request waiting for the user's decision on the consent page. */
export interface ConsentRequest {
  provider: SandboxProviderId;
  clientId: string;
  /** What the client asked for, shown on the page. */
  scopes: string[];
  /** The URL the browser goes to next; `identity` is undefined when the user denied. */
  complete(identity: SandboxIdentity | undefined): string;
}
