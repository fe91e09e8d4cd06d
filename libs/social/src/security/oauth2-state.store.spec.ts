import { createHash } from 'node:crypto';
import OAuth2Strategy from 'passport-oauth2';
import { describe, expect, it } from 'vitest';
import { FLOW_CONTEXT } from './pending-flows.js';
import { callbackArgs, type StoreRequest, storeRequest } from './testing/store-request.js';
import { runStrategy } from '../strategy/run-strategy.util.js';
import { OAuth2StateStore } from './oauth2-state.store.js';

type Req = StoreRequest;
const request = storeRequest;
const call = callbackArgs;

function stored(store: OAuth2StateStore, req: Req, verifier?: string): Promise<any[]> {
  return call((cb) => store.store(req, verifier, undefined, {}, cb));
}

function verified(store: OAuth2StateStore, req: Req, state: unknown): Promise<any[]> {
  return call((cb) => store.verify(req, state, {}, cb));
}

describe('OAuth2StateStore', () => {
  it('keeps the arities passport-oauth2 dispatches on: store 5, verify 4', () => {
    const store = new OAuth2StateStore('google');
    // store(req, verifier, state, meta, cb): the only shape that receives the PKCE verifier.
    expect(store.store.length).toBe(5);
    // verify(req, state, meta, cb).
    expect(store.verify.length).toBe(4);
  });

  it('stores a fresh state bound to the flow and user, and verifies it once', async () => {
    const store = new OAuth2StateStore('google');
    const start = request('connect', 'u1');
    const [err, state] = await stored(store, start, 'the-verifier');
    expect(err).toBeNull();
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(start.session!['social:google']).toMatchObject([
      { handle: state, verifier: 'the-verifier', flow: 'connect', userId: 'u1' },
    ]);

    const cb = request('connect', 'u1', start.session);
    expect(await verified(store, cb, state)).toEqual([
      null,
      'the-verifier',
      { flow: 'connect', userId: 'u1' },
    ]);
    expect(await verified(store, cb, state)).toEqual([null, false, { message: 'state' }]);
  });

  it('answers true (not a verifier string) for a state stored without PKCE', async () => {
    const store = new OAuth2StateStore('facebook');
    const start = request('login', null);
    const [, state] = await stored(store, start, undefined);
    const [err, ok, info] = await verified(store, request('login', null, start.session), state);
    expect(err).toBeNull();
    expect(ok).toBe(true);
    expect(info).toEqual({ flow: 'login', userId: null });
  });

  it('gives two starts two different states, both valid', async () => {
    const store = new OAuth2StateStore('google');
    const start = request('login', null);
    const [, a] = await stored(store, start);
    const [, b] = await stored(store, start);
    expect(a).not.toBe(b);
    expect((await verified(store, request('login', null, start.session), b))[1]).toBe(true);
    expect((await verified(store, request('login', null, start.session), a))[1]).toBe(true);
  });

  it.each([
    ['an unknown state', 'nope'],
    ['a missing state', undefined],
    ['an array of states', ['a', 'b']],
  ])('fails verification for %s', async (_label, state) => {
    const store = new OAuth2StateStore('google');
    const start = request('login', null);
    await stored(store, start);
    expect(await verified(store, request('login', null, start.session), state)).toEqual([
      null,
      false,
      { message: 'state' },
    ]);
  });

  it('fails verification of a connect state on another user’s callback', async () => {
    const store = new OAuth2StateStore('google');
    const start = request('connect', 'alice');
    const [, state] = await stored(store, start);
    const [, ok] = await verified(store, request('connect', 'mallory', start.session), state);
    expect(ok).toBe(false);
  });

  it('reports a missing session or flow context through the callback instead of throwing', async () => {
    const store = new OAuth2StateStore('google');
    const noSession: Req = { [FLOW_CONTEXT]: { flow: 'login', userId: null } };
    const [storeErr] = await stored(store, noSession);
    expect(storeErr).toBeInstanceOf(Error);
    expect(storeErr.message).toMatch(/express-session/);
    const [verifyErr] = await verified(store, noSession, 'x');
    expect(verifyErr.message).toMatch(/express-session/);

    const [contextErr] = await stored(store, { session: {} });
    expect(contextErr).toBeInstanceOf(Error);
  });

  describe('driven by the real passport-oauth2 strategy', () => {
    function strategy(store: OAuth2StateStore) {
      return new OAuth2Strategy(
        {
          authorizationURL: 'https://provider.test/authorize',
          tokenURL: 'https://provider.test/token',
          clientID: 'client-id',
          clientSecret: 'client-secret',
          callbackURL: 'https://app.test/login/google',
          pkce: true,
          state: true,
          store: store as any,
        } as any,
        () => undefined,
      );
    }

    it('puts the stored state and the S256 challenge of the stored verifier in the redirect', async () => {
      const store = new OAuth2StateStore('google');
      const req = request('login', null);
      const outcome = await runStrategy(strategy(store), req, {}, 5000);
      expect(outcome.kind).toBe('redirect');
      const url = new URL((outcome as { url: string }).url);
      const [pending] = req.session!['social:google'];
      expect(url.searchParams.get('state')).toBe(pending.handle);
      expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toBe(
        createHash('sha256').update(pending.verifier).digest('base64url'),
      );
    });

    it('sends the stored verifier as code_verifier on the callback, and fails an unknown state with 403', async () => {
      const store = new OAuth2StateStore('google');
      const s = strategy(store);
      const start = request('login', null);
      await runStrategy(s, start, {}, 5000);
      const [pending] = start.session!['social:google'];

      let tokenParams: Record<string, string> | undefined;
      (s as any)._oauth2.getOAuthAccessToken = (
        _code: string,
        params: Record<string, string>,
        done: (err: unknown) => void,
      ) => {
        tokenParams = params;
        done({ statusCode: 500, data: 'stop here' });
      };

      const forged = request('login', null, start.session);
      forged.query = { code: 'c', state: 'forged' };
      // A forged state spends nothing valid and never reaches the token endpoint.
      expect(await runStrategy(s, forged, {}, 5000)).toEqual({
        kind: 'fail',
        challenge: { message: 'state' },
        status: 403,
      });
      expect(tokenParams).toBeUndefined();

      const genuine = request('login', null, start.session);
      genuine.query = { code: 'c', state: pending.handle };
      const outcome = await runStrategy(s, genuine, {}, 5000);
      expect(outcome.kind).toBe('error');
      expect(tokenParams?.code_verifier).toBe(pending.verifier);
    });
  });
});
