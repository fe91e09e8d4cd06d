import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type FloorSession = { state: string; verifier: string } | { userId: number };

const COOKIE = 'sid';

/** Sessions in a Map, their 256-bit ids in an HttpOnly cookie. */
export class FloorSessions {
  private readonly sessions = new Map<string, FloorSession>();

  /** Stores a session; the Set-Cookie header that names it. */
  create(session: FloorSession): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, session);
    return `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;
  }

  /** The request's session, removed (a login or a logout ends it). */
  take(req: IncomingMessage): FloorSession | undefined {
    const id = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];
    if (!id) return undefined;
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    return session;
  }
}
