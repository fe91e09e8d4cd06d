import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SocialFlow } from '../providers/provider-definition.interface.js';

import { MAX_PENDING_FLOWS, PENDING_FLOW_TTL_MS } from './pending-flows.constants.js';
import { SpentHandles, spentHandles } from './spent-handles.js';

export { MAX_PENDING_FLOWS, PENDING_FLOW_TTL_MS };

/** What the module knows about the request when it starts or completes a round trip. */
export interface FlowContext {
  flow: SocialFlow;
  /** The logged-in user starting a connect; null for a login. */
  userId: string | null;
}

/** One started round trip, kept server-side in the session. */
export interface PendingFlow extends FlowContext {
  /** OAuth 2 `state`, or the OAuth 1.0a request token. */
  handle: string;
  createdAt: number;
  /** PKCE code verifier (OAuth 2). */
  verifier?: string;
  /** Request-token secret (OAuth 1.0a). */
  tokenSecret?: string;
}

/** The request property where the guard leaves the `FlowContext` for the stores to check. */
export const FLOW_CONTEXT = Symbol('nestjs-social:flow-context');

type SessionRequest = { session?: Record<string, any>; [FLOW_CONTEXT]?: FlowContext };

/** A fresh 256-bit state value (RFC 9700 §4.7.1 asks for at least 128 bits from a CSPRNG). */
export function newHandle(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Pending round trips of one provider, in the session under `social:<provider>`. Each is
 * single-use (taken out on the first callback whatever its outcome), expires after 10 minutes,
 * and is bound to the session, the provider, the callback route (login or connect) and, for a
 * connect, the user who started it.
 */
export class PendingFlows {
  constructor(
    private readonly providerId: string,
    private readonly spent: SpentHandles = spentHandles,
  ) {}

  private get key() {
    return `social:${this.providerId}`;
  }

  add(req: SessionRequest, flow: Omit<PendingFlow, 'createdAt'>): void {
    const session = requireSession(req);
    const now = Date.now();
    const live = this.live(session, now);
    live.push({ ...flow, createdAt: now });
    session[this.key] = live.slice(-MAX_PENDING_FLOWS);
  }

  /** Takes the round trip with this handle out of the session; null when it is not a valid one. */
  take(req: SessionRequest, handle: unknown): PendingFlow | null {
    const session = requireSession(req);
    const now = Date.now();
    const live = this.live(session, now);
    const index =
      typeof handle === 'string' ? live.findIndex((f) => sameHandle(f.handle, handle)) : -1;
    const found = index >= 0 ? live.splice(index, 1)[0] : undefined;
    if (live.length) session[this.key] = live;
    else delete session[this.key];
    const expected = req[FLOW_CONTEXT];
    if (!found || !expected) return null;
    if (!this.spent.spend(`${this.providerId}:${found.handle}`)) return null;
    // Login states only complete a login, connect states only a connect by the same user.
    if (callbackOf(found.flow) !== callbackOf(expected.flow)) return null;
    if (found.flow !== 'login' && found.userId !== expected.userId) return null;
    return found;
  }

  private live(session: Record<string, any>, now: number): PendingFlow[] {
    const stored = Array.isArray(session[this.key]) ? (session[this.key] as PendingFlow[]) : [];
    return stored.filter(
      (f) => typeof f?.handle === 'string' && now - f.createdAt < PENDING_FLOW_TTL_MS,
    );
  }
}

/** Login comes back to /login/:provider, connect and reconnect to /connect/:provider. */
export function callbackOf(flow: SocialFlow): 'login' | 'connect' {
  return flow === 'login' ? 'login' : 'connect';
}

function sameHandle(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function requireSession(req: SessionRequest): Record<string, any> {
  if (!req.session) {
    throw new Error(
      'nestjs-social needs sessions: install express-session (app.use(session({...}))) before the module routes run',
    );
  }
  return req.session;
}
