import {
  callbackState as callback,
  startState as start,
  pendingIn,
} from './testing/round-trip-states.js';
import type { Request } from 'express';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OAuthStateStore, type PendingRoundTrip, ROUND_TRIP_TTL_MS } from './oauth-state.store.js';
import type { RoundTripState } from './round-trip-state.js';
import { newHandle, RoundTrips, StateStoreFailure } from './round-trips.js';
import { MAX_PENDING_ROUND_TRIPS, SessionOAuthStateStore } from './session-oauth-state.store.js';
import { SpentHandles } from './spent-handles.js';

const LOGIN_KEY = 'oauth:login';
const CONNECT_KEY = 'oauth:connect';

type Session = Record<string, any>;

/** A request over `session`: the start, or a later callback of the same browser. */
function request(session: Session = {}): Request & { session: Session } {
  return { session, query: {} } as unknown as Request & { session: Session };
}

/** A request of an app that installed no session middleware. */
const sessionless = { query: {} } as unknown as Request;

function roundTrip(handle: string, overrides: Partial<PendingRoundTrip> = {}): PendingRoundTrip {
  return {
    handle,
    providerId: 'google',
    flow: 'login',
    userId: null,
    next: '/',
    expiresAt: Date.now() + ROUND_TRIP_TTL_MS,
    ...overrides,
  };
}

function handles(stored: PendingRoundTrip[] | undefined): string[] | undefined {
  return stored?.map((r) => r.handle);
}

let store: SessionOAuthStateStore;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  store = new SessionOAuthStateStore({ login: LOGIN_KEY, connect: CONNECT_KEY });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('newHandle', () => {
  it('returns 256 random bits as base64url', () => {
    const a = newHandle();
    const b = newHandle();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
  });
});

describe('SessionOAuthStateStore', () => {
  it('keeps a login round trip under the login session key and hands it back once', async () => {
    const req = request();
    const saved = roundTrip('h1', { verifier: 'v1', next: '/home' });
    await store.save(req, saved);
    expect(Object.keys(req.session)).toEqual([LOGIN_KEY]);
    expect(pendingIn(req.session, LOGIN_KEY)).toEqual([saved]);

    expect(await store.take(request(req.session), 'google', 'h1')).toEqual(saved);
    expect(await store.take(request(req.session), 'google', 'h1')).toBeNull();
    expect(req.session).toEqual({});
  });

  it('keeps connect and reconnect round trips under the connect session key', async () => {
    const req = request();
    await store.save(req, roundTrip('login-1'));
    await store.save(req, roundTrip('connect-1', { flow: 'connect', userId: 'u1' }));
    await store.save(req, roundTrip('reconnect-1', { flow: 'reconnect', userId: 'u1' }));
    expect(handles(req.session[LOGIN_KEY])).toEqual(['login-1']);
    expect(handles(req.session[CONNECT_KEY])).toEqual(['connect-1', 'reconnect-1']);

    // The store hands out any of them: which callback may complete which is RoundTrips' rule.
    expect(await store.take(req, 'google', 'reconnect-1')).toMatchObject({ flow: 'reconnect' });
    expect(handles(req.session[CONNECT_KEY])).toEqual(['connect-1']);
    expect(handles(req.session[LOGIN_KEY])).toEqual(['login-1']);
  });

  it('returns null for an unknown handle and leaves the other round trips in place', async () => {
    const req = request();
    await store.save(req, roundTrip('h1'));
    expect(await store.take(req, 'google', 'other')).toBeNull();
    expect(await store.take(req, 'google', 'h1')).not.toBeNull();
  });

  it('refuses handles of another length without throwing (timingSafeEqual needs equal lengths)', async () => {
    const req = request();
    const handle = newHandle();
    await store.save(req, roundTrip(handle));
    await expect(store.take(req, 'google', handle.slice(0, -1))).resolves.toBeNull();
    expect(await store.take(req, 'google', handle + 'x')).toBeNull();
    expect(await store.take(req, 'google', '')).toBeNull();
    // Same number of characters, different number of UTF-8 bytes.
    expect(await store.take(req, 'google', 'é'.repeat(handle.length))).toBeNull();
    expect(await store.take(req, 'google', handle)).not.toBeNull();
  });

  it('refuses a handle that differs in one character', async () => {
    const req = request();
    await store.save(req, roundTrip('abcdef'));
    expect(await store.take(req, 'google', 'abcdeF')).toBeNull();
    expect(await store.take(req, 'google', 'abcdef')).not.toBeNull();
  });

  it(`expires a round trip ${ROUND_TRIP_TTL_MS / 60_000} minutes after it was started`, async () => {
    const req = request();
    await store.save(req, roundTrip('fresh'));
    await store.save(req, roundTrip('stale'));

    vi.advanceTimersByTime(ROUND_TRIP_TTL_MS - 1);
    expect(await store.take(req, 'google', 'fresh')).not.toBeNull();

    vi.advanceTimersByTime(1);
    expect(await store.take(req, 'google', 'stale')).toBeNull();
    // Expired entries are swept out of the session.
    expect(req.session).toEqual({});
  });

  it(`keeps at most ${MAX_PENDING_ROUND_TRIPS} pending round trips per provider and session key, dropping the oldest`, async () => {
    const req = request();
    await store.save(req, roundTrip('facebook', { providerId: 'facebook' }));
    await store.save(req, roundTrip('connect', { flow: 'connect', userId: 'u1' }));
    for (let i = 1; i <= MAX_PENDING_ROUND_TRIPS + 1; i++) {
      await store.save(req, roundTrip(`h${i}`));
      vi.advanceTimersByTime(1000);
    }
    const google = pendingIn(req.session, LOGIN_KEY).filter((r) => r.providerId === 'google');
    expect(google).toHaveLength(MAX_PENDING_ROUND_TRIPS);
    expect(await store.take(req, 'google', 'h1')).toBeNull();
    for (let i = 2; i <= MAX_PENDING_ROUND_TRIPS + 1; i++) {
      expect(await store.take(req, 'google', `h${i}`)).not.toBeNull();
    }
    // Another provider's and the other key's round trips do not count against Google's logins.
    expect(await store.take(req, 'facebook', 'facebook')).not.toBeNull();
    expect(await store.take(req, 'google', 'connect')).not.toBeNull();
  });

  it('keeps round trips of different providers apart', async () => {
    const req = request();
    await store.save(req, roundTrip('h1'));
    expect(await store.take(req, 'facebook', 'h1')).toBeNull();
    expect(await store.take(req, 'google', 'h1')).not.toBeNull();
  });

  it('hands a round trip out once even to two requests that each loaded a copy of the session', async () => {
    const req = request();
    await store.save(req, roundTrip('h1'));
    // express-session loads the session whole for each request: both callbacks still see it.
    const first = request(structuredClone(req.session));
    const second = request(structuredClone(req.session));
    expect(await store.take(first, 'google', 'h1')).not.toBeNull();
    expect(await store.take(second, 'google', 'h1')).toBeNull();
    expect(second.session).toEqual({});
  });

  it('ignores a corrupted session value instead of throwing', async () => {
    const req = request({ [LOGIN_KEY]: 'not an array' });
    expect(await store.take(req, 'google', 'h1')).toBeNull();
    await store.save(req, roundTrip('h1'));
    expect(req.session[LOGIN_KEY]).toHaveLength(1);
    req.session[LOGIN_KEY].push(null, { handle: 42 }, { handle: 'h2' });
    expect(await store.take(req, 'google', 'h2')).toBeNull();
    expect(await store.take(req, 'google', 'h1')).not.toBeNull();
  });

  it('throws a setup error that says to install express-session when there is no session', async () => {
    await expect(store.save(sessionless, roundTrip('h1'))).rejects.toThrow(
      /no session middleware: .* from 'express-session'/,
    );
    await expect(store.take(sessionless, 'google', 'h1')).rejects.toThrow(
      /no session middleware: .* from 'express-session'/,
    );
  });
});

describe('RoundTrips', () => {
  /** Starts a round trip in a fresh session; returns that session. */
  async function started(state: RoundTripState, handle = 'h1'): Promise<Session> {
    const req = request();
    await new RoundTrips(store, 'google', state).start(req, handle, {});
    return req.session;
  }

  /** Takes `handle` on the callback the state describes, over the same session. */
  function take(session: Session, state: RoundTripState, handle: unknown) {
    return new RoundTrips(store, 'google', state).take(request(session), handle);
  }

  it('starts the round trip the start state describes, with its secrets and an expiry', async () => {
    const req = request();
    await new RoundTrips(store, 'google', start('connect', 'u1', '/settings')).start(req, 'h1', {
      verifier: 'v1',
    });
    expect(pendingIn(req.session, CONNECT_KEY)).toEqual([
      {
        handle: 'h1',
        providerId: 'google',
        flow: 'connect',
        userId: 'u1',
        next: '/settings',
        verifier: 'v1',
        expiresAt: Date.now() + ROUND_TRIP_TTL_MS,
      },
    ]);
  });

  it('refuses to start a round trip from a callback, and keeps nothing', async () => {
    const req = request();
    await expect(
      new RoundTrips(store, 'google', callback('login', null)).start(req, 'h1', {}),
    ).rejects.toThrow(/only start from a start request/);
    expect(req.session).toEqual({});
  });

  it('completes a login callback with a login round trip', async () => {
    const session = await started(start('login', null, '/home'));
    expect(await take(session, callback('login', null), 'h1')).toMatchObject({
      flow: 'login',
      userId: null,
      next: '/home',
    });
  });

  it('does not complete a connect with a login round trip, and spends it anyway', async () => {
    const session = await started(start('login', null));
    expect(await take(session, callback('connect', 'u1'), 'h1')).toBeNull();
    expect(await take(session, callback('login', null), 'h1')).toBeNull();
  });

  it('does not complete a login with a connect round trip, and spends it anyway', async () => {
    const session = await started(start('connect', 'u1'));
    expect(await take(session, callback('login', null), 'h1')).toBeNull();
    expect(await take(session, callback('connect', 'u1'), 'h1')).toBeNull();
  });

  it('completes a reconnect on the connect callback (both come back to /connect/:provider)', async () => {
    const session = await started(start('reconnect', 'u1'));
    expect(await take(session, callback('connect', 'u1'), 'h1')).toMatchObject({
      flow: 'reconnect',
      userId: 'u1',
    });
  });

  it('does not complete a connect for another user than the one who started it', async () => {
    const session = await started(start('connect', 'alice'));
    expect(await take(session, callback('connect', 'mallory'), 'h1')).toBeNull();
    expect(await take(session, callback('connect', 'alice'), 'h1')).toBeNull();
  });

  it.each([
    ['undefined', undefined],
    ['empty', ''],
    ['an array (repeated state parameter)', ['h1']],
    ['an object (nested state parameter)', { $ne: '' }],
    ['a number', 1],
  ])('returns null for a handle that is %s, without spending anything', async (_label, handle) => {
    const session = await started(start('login', null));
    expect(await take(session, callback('login', null), handle)).toBeNull();
    expect(await take(session, callback('login', null), 'h1')).not.toBeNull();
  });

  it('refuses an expired round trip even from a store that hands one out', async () => {
    // A custom store (Redis, a database) may forget to check the expiry.
    class ForgetfulStore extends OAuthStateStore {
      async save() {}
      async take() {
        return roundTrip('h1', { expiresAt: Date.now() });
      }
    }
    const roundTrips = new RoundTrips(new ForgetfulStore(), 'google', callback('login', null));
    expect(await roundTrips.take(request(), 'h1')).toBeNull();
  });

  it('reports a failing store as a StateStoreFailure carrying the cause', async () => {
    const roundTrips = new RoundTrips(store, 'google', start('login', null));
    for (const attempt of [
      () => roundTrips.start(sessionless, 'h1', {}),
      () => roundTrips.take(sessionless, 'h1'),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateStoreFailure);
      expect((error as StateStoreFailure).cause).toEqual(
        expect.objectContaining({
          message: expect.stringMatching(/no session middleware: .* from 'express-session'/),
        }),
      );
    }
  });
});

describe('SpentHandles', () => {
  const expiresAt = 60_000;

  it('lets a handle be spent once, even by two callbacks that both still saw it in their session', () => {
    const spent = new SpentHandles();
    expect(spent.spend('google:h1', expiresAt, 0)).toBe(true);
    expect(spent.spend('google:h1', expiresAt, 1)).toBe(false);
    expect(spent.spend('facebook:h1', expiresAt, 2)).toBe(true);
  });

  it('remembers a handle until its round trip expires, then forgets it (memory stays bounded)', () => {
    const spent = new SpentHandles();
    expect(spent.spend('google:h1', expiresAt, 0)).toBe(true);
    expect(spent.spend('google:h1', expiresAt, expiresAt - 1)).toBe(false);
    expect(spent.spend('google:h1', expiresAt + 1000, expiresAt)).toBe(true);
  });
});
