import type { ConsentRequest } from '../consent/consent-request.js';
import type { SandboxOpenIdProvider } from '../sandbox.types.js';
import { OAuth2Grants } from '../oauth2/oauth2-grants.js';
import { TwitterTokens } from '../twitter/twitter.tokens.js';
import { CallCounter } from './call-counter.js';
import { ClientRegistry } from './client-registry.js';
import { ExpiringMap } from './expiring-map.js';
import { FaultSwitch } from './fault-switch.js';
import { randomToken } from './random.js';
import { SigningKeys } from './signing-keys.js';

/** How long a consent page stays answerable. */
export const CONSENT_TTL_MS = 10 * 60_000;
const SWEEP_INTERVAL_MS = 30_000;

/**
 * Everything one running sandbox knows. One instance per sandbox (several can share a process),
 * handed to the controllers through Nest DI; it is also the DI token.
 */
export class SandboxContext {
  /** Base URL, set once the server listens. */
  url = '';
  readonly clients = new ClientRegistry();
  readonly calls = new CallCounter();
  readonly faults = new FaultSwitch(this.calls);
  readonly consents = new ExpiringMap<string, ConsentRequest>();
  readonly grants: OAuth2Grants;
  readonly twitter = new TwitterTokens();
  /** The ID-token signing keys of each OpenID Connect provider. */
  readonly keys: Record<SandboxOpenIdProvider, SigningKeys> = {
    google: new SigningKeys(),
    oidc: new SigningKeys(),
  };
  /** OAuth 1.0a nonces seen, per consumer (RFC 5849 §3.3). */
  readonly nonces = new ExpiringMap<string, true>(100_000);
  private sweeper?: NodeJS.Timeout;

  constructor(
    readonly codeTtlMs: number,
    rotateRefreshTokens = false,
  ) {
    this.grants = new OAuth2Grants(codeTtlMs, rotateRefreshTokens);
  }

  /** Stores a pending consent and returns its transaction id. */
  openConsent(request: ConsentRequest): string {
    const txn = randomToken();
    this.consents.set(txn, request, CONSENT_TTL_MS);
    return txn;
  }

  /** Starts the periodic sweep of expired entries; it never keeps the process alive. */
  startSweeping(): void {
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  sweep(): void {
    this.consents.sweep();
    this.nonces.sweep();
    this.grants.sweep();
    this.twitter.sweep();
  }

  /** Stops the sweep and cancels pending fault delays. */
  dispose(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.faults.dispose();
  }
}
