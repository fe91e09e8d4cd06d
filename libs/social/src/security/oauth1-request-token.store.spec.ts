import passportTwitter from 'passport-twitter';
import { describe, expect, it } from 'vitest';
import { FLOW_CONTEXT } from './pending-flows.js';
import { callbackArgs, type StoreRequest, storeRequest } from './testing/store-request.js';
import { runStrategy } from '../strategy/run-strategy.util.js';
import { OAuth1RequestTokenStore } from './oauth1-request-token.store.js';

type Req = StoreRequest;
const request = storeRequest;
const call = callbackArgs;

const set = (store: OAuth1RequestTokenStore, req: Req, token: string, secret: string) =>
  call((cb) => store.set(req, token, secret, undefined, {}, cb));
const get = (store: OAuth1RequestTokenStore, req: Req, token: string) =>
  call((cb) => store.get(req, token, {}, cb));

describe('OAuth1RequestTokenStore', () => {
  it('keeps the arities passport-oauth1 dispatches on: set 6, get 4, destroy 4', () => {
    const store = new OAuth1RequestTokenStore('twitter');
    expect(store.set.length).toBe(6);
    expect(store.get.length).toBe(4);
    expect(store.destroy.length).toBe(4);
  });

  it('stores the request token secret and hands it back once, for that token only', async () => {
    const store = new OAuth1RequestTokenStore('twitter');
    const start = request('connect', 'u1');
    expect(await set(store, start, 'request-token', 'request-secret')).toEqual([null]);
    expect(start.session!['social:twitter']).toMatchObject([
      { handle: 'request-token', tokenSecret: 'request-secret', flow: 'connect', userId: 'u1' },
    ]);

    const cb = request('connect', 'u1', start.session);
    expect(await get(store, cb, 'another-token')).toEqual([null, false, { message: 'state' }]);
    expect(await get(store, cb, 'request-token')).toEqual([
      null,
      'request-secret',
      { flow: 'connect', userId: 'u1' },
    ]);
    expect(await get(store, cb, 'request-token')).toEqual([null, false, { message: 'state' }]);
  });

  it('refuses a request token started by another user', async () => {
    const store = new OAuth1RequestTokenStore('twitter');
    const start = request('connect', 'alice');
    await set(store, start, 'rt', 'rs');
    const [, secret] = await get(store, request('connect', 'mallory', start.session), 'rt');
    expect(secret).toBe(false);
  });

  it('destroy() is a no-op that calls back without error', async () => {
    const store = new OAuth1RequestTokenStore('twitter');
    expect(await call((cb) => store.destroy({}, 'rt', {}, cb))).toEqual([null]);
  });

  it('reports a missing session or flow context through the callback instead of throwing', async () => {
    const store = new OAuth1RequestTokenStore('twitter');
    const noSession: Req = { [FLOW_CONTEXT]: { flow: 'login', userId: null } };
    const [setErr] = await set(store, noSession, 'rt', 'rs');
    expect(setErr.message).toMatch(/express-session/);
    const [getErr] = await get(store, noSession, 'rt');
    expect(getErr.message).toMatch(/express-session/);
    const [contextErr] = await set(store, { session: {} }, 'rt', 'rs');
    expect(contextErr).toBeInstanceOf(Error);
  });

  describe('driven by the real passport-twitter (passport-oauth1) strategy', () => {
    function strategy(store: OAuth1RequestTokenStore) {
      const s = new passportTwitter.Strategy(
        {
          consumerKey: 'ck',
          consumerSecret: 'cs',
          callbackURL: 'https://app.test/login/twitter',
          requestTokenStore: store,
        } as any,
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

    it('stores the request token on start and sends its own secret on the matching callback', async () => {
      const store = new OAuth1RequestTokenStore('twitter');
      const { s, exchanges } = strategy(store);
      const start = request('login', null);
      // Two tabs: two request tokens pending at once.
      expect(await runStrategy(s, start, {}, 5000)).toEqual({
        kind: 'redirect',
        url: 'https://api.twitter.com/oauth/authenticate?oauth_token=rt-1',
      });
      await runStrategy(s, start, {}, 5000);
      expect(start.session!['social:twitter']).toHaveLength(2);

      const cb = request('login', null, start.session);
      cb.query = { oauth_token: 'rt-1', oauth_verifier: 'v' };
      expect((await runStrategy(s, cb, {}, 5000)).kind).toBe('error');
      // passport's own store would hand back the session's one secret whatever the token.
      expect(exchanges).toEqual([['rt-1', 'rs-1', 'v']]);
    });

    it('fails an unknown request token with 403 and never calls the token endpoint', async () => {
      const store = new OAuth1RequestTokenStore('twitter');
      const { s, exchanges } = strategy(store);
      const start = request('login', null);
      await runStrategy(s, start, {}, 5000);

      const cb = request('login', null, start.session);
      cb.query = { oauth_token: 'forged', oauth_verifier: 'v' };
      expect(await runStrategy(s, cb, {}, 5000)).toEqual({
        kind: 'fail',
        challenge: { message: 'state' },
        status: 403,
      });
      expect(exchanges).toEqual([]);
    });
  });
});
