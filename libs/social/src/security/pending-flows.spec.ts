import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SocialFlow } from '../providers/provider-definition.interface.js';
import { SpentHandles } from './spent-handles.js';
import {
  FLOW_CONTEXT,
  MAX_PENDING_FLOWS,
  newHandle,
  PENDING_FLOW_TTL_MS,
  PendingFlows,
} from './pending-flows.js';

type FakeRequest = {
  session?: Record<string, any>;
  [FLOW_CONTEXT]?: { flow: SocialFlow; userId: string | null };
};

function request(flow: SocialFlow, userId: string | null, session: Record<string, any> = {}) {
  const req: FakeRequest = { session };
  req[FLOW_CONTEXT] = { flow, userId };
  return req;
}

/** The same session seen by a later request (the callback) with its own flow context. */
function callback(from: FakeRequest, flow: SocialFlow, userId: string | null) {
  return request(flow, userId, from.session);
}

describe('newHandle', () => {
  it('returns 256 random bits as base64url', () => {
    const a = newHandle();
    const b = newHandle();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
  });
});

describe('PendingFlows', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps an added flow in the session under social:<provider> and hands it back once', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('login', null);
    flows.add(start, { handle: 'h1', verifier: 'v1', flow: 'login', userId: null });
    expect(start.session!['social:google']).toEqual([
      { handle: 'h1', verifier: 'v1', flow: 'login', userId: null, createdAt: Date.now() },
    ]);

    const cb = callback(start, 'login', null);
    expect(flows.take(cb, 'h1')).toMatchObject({ handle: 'h1', verifier: 'v1', flow: 'login' });
    expect(flows.take(cb, 'h1')).toBeNull();
    expect(start.session!['social:google']).toBeUndefined();
  });

  it('returns null for an unknown handle and leaves the other flows in place', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('login', null);
    flows.add(start, { handle: 'h1', flow: 'login', userId: null });
    expect(flows.take(callback(start, 'login', null), 'other')).toBeNull();
    expect(flows.take(callback(start, 'login', null), 'h1')).not.toBeNull();
  });

  it('refuses handles of another length without throwing (timingSafeEqual needs equal lengths)', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('login', null);
    const handle = newHandle();
    flows.add(start, { handle, flow: 'login', userId: null });
    const cb = callback(start, 'login', null);
    expect(() => flows.take(cb, handle.slice(0, -1))).not.toThrow();
    expect(flows.take(cb, handle.slice(0, -1))).toBeNull();
    expect(flows.take(cb, handle + 'x')).toBeNull();
    expect(flows.take(cb, '')).toBeNull();
    // Same number of characters, different number of UTF-8 bytes.
    expect(flows.take(cb, 'é'.repeat(handle.length))).toBeNull();
    expect(flows.take(cb, handle)).not.toBeNull();
  });

  it('refuses a handle that differs in one character', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('login', null);
    flows.add(start, { handle: 'abcdef', flow: 'login', userId: null });
    expect(flows.take(callback(start, 'login', null), 'abcdeF')).toBeNull();
    expect(flows.take(callback(start, 'login', null), 'abcdef')).not.toBeNull();
  });

  it.each([
    ['undefined', undefined],
    ['an array (repeated state parameter)', ['h1']],
    ['an object (nested state parameter)', { $ne: '' }],
    ['a number', 1],
  ])('returns null for a handle that is %s', (_label, handle) => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('login', null);
    flows.add(start, { handle: 'h1', flow: 'login', userId: null });
    expect(flows.take(callback(start, 'login', null), handle)).toBeNull();
  });

  it(`expires a flow ${PENDING_FLOW_TTL_MS / 60_000} minutes after it was added`, () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('login', null);
    flows.add(start, { handle: 'fresh', flow: 'login', userId: null });
    flows.add(start, { handle: 'stale', flow: 'login', userId: null });

    vi.advanceTimersByTime(PENDING_FLOW_TTL_MS - 1);
    expect(flows.take(callback(start, 'login', null), 'fresh')).not.toBeNull();

    vi.advanceTimersByTime(1);
    expect(flows.take(callback(start, 'login', null), 'stale')).toBeNull();
    // Expired entries are swept out of the session.
    expect(start.session!['social:google']).toBeUndefined();
  });

  it(`keeps at most ${MAX_PENDING_FLOWS} pending flows per provider, dropping the oldest`, () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('login', null);
    for (let i = 1; i <= MAX_PENDING_FLOWS + 1; i++) {
      flows.add(start, { handle: `h${i}`, flow: 'login', userId: null });
      vi.advanceTimersByTime(1000);
    }
    expect(start.session!['social:google']).toHaveLength(MAX_PENDING_FLOWS);
    expect(flows.take(callback(start, 'login', null), 'h1')).toBeNull();
    for (let i = 2; i <= MAX_PENDING_FLOWS + 1; i++) {
      expect(flows.take(callback(start, 'login', null), `h${i}`)).not.toBeNull();
    }
  });

  it('keeps flows of different providers apart', () => {
    const google = new PendingFlows('google', new SpentHandles());
    const facebook = new PendingFlows('facebook', new SpentHandles());
    const start = request('login', null);
    google.add(start, { handle: 'h1', flow: 'login', userId: null });
    expect(facebook.take(callback(start, 'login', null), 'h1')).toBeNull();
    expect(google.take(callback(start, 'login', null), 'h1')).not.toBeNull();
  });

  it('does not complete a connect with a login state, and spends the state anyway', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('login', null);
    flows.add(start, { handle: 'h1', flow: 'login', userId: null });
    expect(flows.take(callback(start, 'connect', 'u1'), 'h1')).toBeNull();
    expect(flows.take(callback(start, 'login', null), 'h1')).toBeNull();
  });

  it('does not complete a login with a connect state', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('connect', 'u1');
    flows.add(start, { handle: 'h1', flow: 'connect', userId: 'u1' });
    expect(flows.take(callback(start, 'login', null), 'h1')).toBeNull();
  });

  it('completes a reconnect on the connect callback (both come back to /connect/:provider)', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('reconnect', 'u1');
    flows.add(start, { handle: 'h1', flow: 'reconnect', userId: 'u1' });
    expect(flows.take(callback(start, 'connect', 'u1'), 'h1')).toMatchObject({
      flow: 'reconnect',
      userId: 'u1',
    });
  });

  it('does not complete a connect for another user than the one who started it', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('connect', 'alice');
    flows.add(start, { handle: 'h1', flow: 'connect', userId: 'alice' });
    expect(flows.take(callback(start, 'connect', 'mallory'), 'h1')).toBeNull();
    expect(flows.take(callback(start, 'connect', 'alice'), 'h1')).toBeNull();
  });

  it('returns null when the callback carries no flow context, and spends the state', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const start = request('login', null);
    flows.add(start, { handle: 'h1', flow: 'login', userId: null });
    expect(flows.take({ session: start.session }, 'h1')).toBeNull();
    expect(flows.take(callback(start, 'login', null), 'h1')).toBeNull();
  });

  it('ignores a corrupted session value instead of throwing', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const req = request('login', null, { 'social:google': 'not an array' });
    expect(flows.take(req, 'h1')).toBeNull();
    flows.add(req, { handle: 'h1', flow: 'login', userId: null });
    expect(req.session!['social:google']).toHaveLength(1);
    req.session!['social:google'].push(null, { handle: 42 });
    expect(flows.take(callback(req, 'login', null), 'h1')).not.toBeNull();
  });

  it('throws an error that says to install express-session when there is no session', () => {
    const flows = new PendingFlows('google', new SpentHandles());
    const req: FakeRequest = {};
    req[FLOW_CONTEXT] = { flow: 'login', userId: null };
    expect(() => flows.add(req, { handle: 'h1', flow: 'login', userId: null })).toThrow(
      /needs sessions: install express-session/,
    );
    expect(() => flows.take(req, 'h1')).toThrow(/needs sessions: install express-session/);
  });
});

describe('SpentHandles', () => {
  it('lets a handle be spent once, even by two callbacks that both still saw it in their session', () => {
    const spent = new SpentHandles();
    expect(spent.spend('google:h1', 0)).toBe(true);
    expect(spent.spend('google:h1', 1)).toBe(false);
    expect(spent.spend('facebook:h1', 2)).toBe(true);
  });

  it('forgets a handle once it could no longer be valid anyway, keeping memory bounded', () => {
    const spent = new SpentHandles();
    expect(spent.spend('google:h1', 0)).toBe(true);
    expect(spent.spend('google:h1', PENDING_FLOW_TTL_MS + 1)).toBe(true);
  });
});
