import {
  callbackState as callback,
  startState as start,
  pendingIn,
} from './testing/round-trip-states.js';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import OAuth2Strategy from 'passport-oauth2';
import passportTwitter from 'passport-twitter';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  OAuth1RequestTokenStoreAdapter,
  OAuth2StateStoreAdapter,
  STATE_INVALID,
} from './passport-state-stores.js';
import type { RoundTripState } from './round-trip-state.js';
import { RoundTrips, StateStoreFailure } from './round-trips.js';
import { SessionOAuthStateStore } from './session-oauth-state.store.js';

const LOGIN_KEY = 'oauth:login';
const CONNECT_KEY = 'oauth:connect';

type Session = Record<string, any>;
type Req = Request & { session: Session; query: Record<string, string> };

/** A request over `session`: the start, or a later callback of the same browser. */
function request(session: Session = {}, query: Record<string, string> = {}): Req {
  return { session, query } as unknown as Req;
}

/** A request of an app that installed no session middleware. */
const sessionless = { query: {} } as unknown as Req;

/** Calls a callback-style store method and resolves with the callback's arguments. */
function call(fn: (cb: (...args: any[]) => void) => void): Promise<any[]> {
  return new Promise((resolve) => fn((...args) => resolve(args)));
}

/** How a run of a bare passport strategy ended. */
type Outcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'success'; user: unknown; info: unknown }
  | { kind: 'fail'; challenge: unknown; status?: number }
  | { kind: 'error'; error: unknown };

/**
 * Runs a passport strategy on a per-request copy, as passport does, with `own` (the run's store)
 * set on the copy, as SocialStrategy does.
 */
function runPassport(strategy: object, req: Req, own: Record<string, unknown>): Promise<Outcome> {
  return new Promise((resolve) => {
    const run = Object.assign(Object.create(strategy), own, {
      success: (user: unknown, info: unknown) => resolve({ kind: 'success', user, info }),
      fail: (challenge: unknown, status?: number) => resolve({ kind: 'fail', challenge, status }),
      redirect: (url: string) => resolve({ kind: 'redirect', url }),
      error: (error: unknown) => resolve({ kind: 'error', error }),
      pass: () => resolve({ kind: 'error', error: new Error('passed') }),
    });
    run.authenticate(req, {});
  });
}

let store: SessionOAuthStateStore;

beforeEach(() => {
  // One per test: the spent-handle guard is per store instance.
  store = new SessionOAuthStateStore({ login: LOGIN_KEY, connect: CONNECT_KEY });
});

describe('OAuth2StateStoreAdapter', () => {
  function adapter(state: RoundTripState, pkce = true, providerId = 'google') {
    return new OAuth2StateStoreAdapter(new RoundTrips(store, providerId, state), pkce);
  }
  function stored(state: RoundTripState, req: Req, verifier?: string, pkce = true) {
    return call((cb) => adapter(state, pkce).store(req, verifier, undefined, {}, cb));
  }
  function verified(state: RoundTripState, req: Req, handle: unknown, pkce = true) {
    return call((cb) => adapter(state, pkce).verify(req, handle, {}, cb));
  }

  it('keeps the arities passport-oauth2 dispatches on: store 5, verify 4', () => {
    const store = adapter(start('login', null));
    // store(req, verifier, state, meta, cb): the only shape that receives the PKCE verifier.
    expect(store.store.length).toBe(5);
    // verify(req, state, meta, cb).
    expect(store.verify.length).toBe(4);
  });

  it('stores a fresh state bound to the flow, user and next, and verifies it once', async () => {
    const req = request();
    const [err, state] = await stored(start('connect', 'u1'), req, 'the-verifier');
    expect(err).toBeNull();
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pendingIn(req.session, CONNECT_KEY)).toMatchObject([
      {
        handle: state,
        providerId: 'google',
        verifier: 'the-verifier',
        flow: 'connect',
        userId: 'u1',
        next: '/next',
      },
    ]);

    const cb = request(req.session);
    // The round trip passed on to passport carries no verifier.
    expect(await verified(callback('connect', 'u1'), cb, state)).toEqual([
      null,
      'the-verifier',
      { flow: 'connect', userId: 'u1', next: '/next' },
    ]);
    expect(await verified(callback('connect', 'u1'), cb, state)).toEqual([
      null,
      false,
      STATE_INVALID,
    ]);
  });

  it('answers true (not a verifier string) for a state stored without PKCE', async () => {
    const req = request();
    const [, state] = await stored(start('login', null), req, undefined, false);
    const [err, ok, info] = await verified(
      callback('login', null),
      request(req.session),
      state,
      false,
    );
    expect(err).toBeNull();
    expect(ok).toBe(true);
    expect(info).toEqual({ flow: 'login', userId: null, next: '/next' });
  });

  it('refuses, and spends, a state stored without a verifier when the provider uses PKCE', async () => {
    const req = request();
    const [, state] = await stored(start('login', null), req, undefined);
    expect(await verified(callback('login', null), request(req.session), state)).toEqual([
      null,
      false,
      STATE_INVALID,
    ]);
    expect(req.session[LOGIN_KEY]).toBeUndefined();
  });

  it('gives two starts two different states, both valid', async () => {
    const req = request();
    const [, a] = await stored(start('login', null), req, 'va');
    const [, b] = await stored(start('login', null), req, 'vb');
    expect(a).not.toBe(b);
    expect((await verified(callback('login', null), request(req.session), b))[1]).toBe('vb');
    expect((await verified(callback('login', null), request(req.session), a))[1]).toBe('va');
  });

  it.each([
    ['an unknown state', 'nope'],
    ['a missing state', undefined],
    ['an array of states', ['a', 'b']],
  ])('fails verification for %s', async (_label, state) => {
    const req = request();
    await stored(start('login', null), req, 'v');
    expect(await verified(callback('login', null), request(req.session), state)).toEqual([
      null,
      false,
      STATE_INVALID,
    ]);
  });

  it('fails verification of a connect state on another user’s callback', async () => {
    const req = request();
    const [, state] = await stored(start('connect', 'alice'), req, 'v');
    const [, ok] = await verified(callback('connect', 'mallory'), request(req.session), state);
    expect(ok).toBe(false);
  });

  it('fails verification of a login state on the connect callback', async () => {
    const req = request();
    const [, state] = await stored(start('login', null), req, 'v');
    const [, ok] = await verified(callback('connect', 'u1'), request(req.session), state);
    expect(ok).toBe(false);
  });

  it('reports a missing session, or a start from a callback, through the callback instead of throwing', async () => {
    const [storeErr] = await stored(start('login', null), sessionless, 'v');
    expect(storeErr).toBeInstanceOf(StateStoreFailure);
    expect(storeErr.cause.message).toMatch(/express-session/);
    const [verifyErr] = await verified(callback('login', null), sessionless, 'x');
    expect(verifyErr).toBeInstanceOf(StateStoreFailure);
    expect(verifyErr.cause.message).toMatch(/express-session/);

    const req = request();
    const [startErr] = await stored(callback('login', null), req, 'v');
    expect(startErr).toBeInstanceOf(Error);
    expect(req.session).toEqual({});
  });

  describe('driven by the real passport-oauth2 strategy', () => {
    function strategy() {
      return new OAuth2Strategy(
        {
          authorizationURL: 'https://provider.test/authorize',
          tokenURL: 'https://provider.test/token',
          clientID: 'client-id',
          clientSecret: 'client-secret',
          callbackURL: 'https://app.test/login/google',
          pkce: true,
          state: true,
          passReqToCallback: true,
        },
        (
          _req: unknown,
          _token: string,
          _refresh: string,
          _params: unknown,
          profile: { id: string },
          done: OAuth2Strategy.VerifyCallback,
        ) => done(null, { profileId: profile.id }),
      );
    }

    it('puts the stored state and the S256 challenge of the stored verifier in the redirect', async () => {
      const req = request();
      const outcome = await runPassport(strategy(), req, {
        _stateStore: adapter(start('login', null)),
      });
      expect(outcome.kind).toBe('redirect');
      const url = new URL((outcome as { url: string }).url);
      const [pending] = pendingIn(req.session, LOGIN_KEY);
      expect(url.searchParams.get('state')).toBe(pending.handle);
      expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toBe(
        createHash('sha256').update(pending.verifier!).digest('base64url'),
      );
    });

    it('sends the stored verifier as code_verifier on the callback, and fails an unknown state with 403', async () => {
      const s = strategy();
      const begin = request();
      await runPassport(s, begin, { _stateStore: adapter(start('login', null)) });
      const [pending] = pendingIn(begin.session, LOGIN_KEY);

      let tokenParams: Record<string, string> | undefined;
      (s as any)._oauth2.getOAuthAccessToken = (
        _code: string,
        params: Record<string, string>,
        done: (err: unknown) => void,
      ) => {
        tokenParams = params;
        done({ statusCode: 500, data: 'stop here' });
      };

      const forged = request(begin.session, { code: 'c', state: 'forged' });
      // A forged state spends nothing valid and never reaches the token endpoint.
      expect(
        await runPassport(s, forged, { _stateStore: adapter(callback('login', null)) }),
      ).toEqual({ kind: 'fail', challenge: STATE_INVALID, status: 403 });
      expect(tokenParams).toBeUndefined();

      const genuine = request(begin.session, { code: 'c', state: pending.handle });
      const outcome = await runPassport(s, genuine, {
        _stateStore: adapter(callback('login', null)),
      });
      expect(outcome.kind).toBe('error');
      expect(tokenParams?.code_verifier).toBe(pending.verifier);
    });

    it('hands the completed round trip, without its secrets, to success as info.state', async () => {
      const s = strategy();
      const begin = request();
      await runPassport(s, begin, { _stateStore: adapter(start('connect', 'u1', '/settings')) });
      const [pending] = pendingIn(begin.session, CONNECT_KEY);
      (s as any)._oauth2.getOAuthAccessToken = (
        _code: string,
        _params: unknown,
        done: (...args: unknown[]) => void,
      ) => done(null, 'access-token', 'refresh-token', { token_type: 'Bearer' });
      (s as any).userProfile = (_token: string, done: (...args: unknown[]) => void) =>
        done(null, { id: 'p1' });

      const cb = request(begin.session, { code: 'c', state: pending.handle });
      expect(await runPassport(s, cb, { _stateStore: adapter(callback('connect', 'u1')) })).toEqual(
        {
          kind: 'success',
          user: { profileId: 'p1' },
          info: { state: { flow: 'connect', userId: 'u1', next: '/settings' } },
        },
      );
    });
  });
});

describe('OAuth1RequestTokenStoreAdapter', () => {
  function adapter(state: RoundTripState, providerId = 'twitter') {
    return new OAuth1RequestTokenStoreAdapter(new RoundTrips(store, providerId, state));
  }
  const set = (state: RoundTripState, req: Req, token: string, secret: string) =>
    call((cb) => adapter(state).set(req, token, secret, undefined, {}, cb));
  const get = (state: RoundTripState, req: Req, token: string) =>
    call((cb) => adapter(state).get(req, token, {}, cb));

  it('keeps the arities passport-oauth1 dispatches on: set 6, get 4, destroy 4', () => {
    const store = adapter(start('login', null));
    expect(store.set.length).toBe(6);
    expect(store.get.length).toBe(4);
    expect(store.destroy.length).toBe(4);
  });

  it('stores the request token secret and hands it back once, for that token only', async () => {
    const req = request();
    expect(await set(start('connect', 'u1'), req, 'request-token', 'request-secret')).toEqual([
      null,
    ]);
    expect(pendingIn(req.session, CONNECT_KEY)).toMatchObject([
      {
        handle: 'request-token',
        providerId: 'twitter',
        tokenSecret: 'request-secret',
        flow: 'connect',
        userId: 'u1',
        next: '/next',
      },
    ]);

    const cb = request(req.session);
    const connect = callback('connect', 'u1');
    expect(await get(connect, cb, 'another-token')).toEqual([null, false, STATE_INVALID]);
    // The round trip passed on to passport carries no token secret.
    expect(await get(connect, cb, 'request-token')).toEqual([
      null,
      'request-secret',
      { flow: 'connect', userId: 'u1', next: '/next' },
    ]);
    expect(await get(connect, cb, 'request-token')).toEqual([null, false, STATE_INVALID]);
  });

  it('refuses a request token started by another user', async () => {
    const req = request();
    await set(start('connect', 'alice'), req, 'rt', 'rs');
    const [, secret] = await get(callback('connect', 'mallory'), request(req.session), 'rt');
    expect(secret).toBe(false);
  });

  it('destroy() is a no-op that calls back without error', async () => {
    const req = request();
    await set(start('login', null), req, 'rt', 'rs');
    expect(await call((cb) => adapter(callback('login', null)).destroy(req, 'rt', {}, cb))).toEqual(
      [null],
    );
    // Only get() takes a request token out.
    expect(req.session[LOGIN_KEY]).toHaveLength(1);
  });

  it('reports a missing session, or a start from a callback, through the callback instead of throwing', async () => {
    const [setErr] = await set(start('login', null), sessionless, 'rt', 'rs');
    expect(setErr).toBeInstanceOf(StateStoreFailure);
    expect(setErr.cause.message).toMatch(/express-session/);
    const [getErr] = await get(callback('login', null), sessionless, 'rt');
    expect(getErr).toBeInstanceOf(StateStoreFailure);
    expect(getErr.cause.message).toMatch(/express-session/);

    const req = request();
    const [startErr] = await set(callback('login', null), req, 'rt', 'rs');
    expect(startErr).toBeInstanceOf(Error);
    expect(req.session).toEqual({});
  });

  describe('driven by the real passport-twitter (passport-oauth1) strategy', () => {
    function strategy() {
      const s = new passportTwitter.Strategy(
        {
          consumerKey: 'ck',
          consumerSecret: 'cs',
          callbackURL: 'https://app.test/login/twitter',
        },
        () => undefined,
      );
      const oauth = (s as any)._oauth;
      let requestTokens = 0;
      oauth.getOAuthRequestToken = (_params: unknown, done: (...args: any[]) => void) => {
        requestTokens += 1;
        done(null, `rt-${requestTokens}`, `rs-${requestTokens}`, {
          oauth_callback_confirmed: 'true',
        });
      };
      const exchanges: string[][] = [];
      oauth.getOAuthAccessToken = (
        token: string,
        secret: string,
        verifier: string,
        done: (err: unknown) => void,
      ) => {
        exchanges.push([token, secret, verifier]);
        done({ statusCode: 500, data: 'stop here' });
      };
      return { s, exchanges };
    }
    const run = (s: object, req: Req, state: RoundTripState) =>
      runPassport(s, req, { _requestTokenStore: adapter(state) });

    it('stores the request token on start and sends its own secret on the matching callback', async () => {
      const { s, exchanges } = strategy();
      const begin = request();
      // Two tabs: two request tokens pending at once.
      expect(await run(s, begin, start('login', null))).toEqual({
        kind: 'redirect',
        url: 'https://api.twitter.com/oauth/authenticate?oauth_token=rt-1',
      });
      await run(s, begin, start('login', null));
      expect(begin.session[LOGIN_KEY]).toHaveLength(2);

      const cb = request(begin.session, { oauth_token: 'rt-1', oauth_verifier: 'v' });
      expect((await run(s, cb, callback('login', null))).kind).toBe('error');
      // passport's own store would hand back the session's one secret whatever the token.
      expect(exchanges).toEqual([['rt-1', 'rs-1', 'v']]);
    });

    it('fails an unknown request token with 403 and never calls the token endpoint', async () => {
      const { s, exchanges } = strategy();
      const begin = request();
      await run(s, begin, start('login', null));

      const cb = request(begin.session, { oauth_token: 'forged', oauth_verifier: 'v' });
      expect(await run(s, cb, callback('login', null))).toEqual({
        kind: 'fail',
        challenge: STATE_INVALID,
        status: 403,
      });
      expect(exchanges).toEqual([]);
    });
  });
});
