import { pendingIn } from './testing/round-trip-states.js';
import type { Request } from 'express';
import passport from 'passport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProfileNotAllowedError, ProviderTimeoutError } from '../social.exceptions.js';
import type { ResolvedProviderConfig, SocialFlow } from '../social.types.js';
import {
  OAuth1RequestTokenStoreAdapter,
  OAuth2StateStoreAdapter,
} from './passport-state-stores.js';
import type { RoundTripState } from './round-trip-state.js';
import { SessionOAuthStateStore } from './session-oauth-state.store.js';
import { ProviderRedirect, SocialStrategy, type SocialStrategyDeps } from './social.strategy.js';

const LOGIN_KEY = 'oauth:login';
const CALLBACK_URL = 'https://app.test/login/fake';
const START: RoundTripState = { step: 'start', flow: 'login', userId: null, next: '/' };
const CALLBACK: RoundTripState = { step: 'callback', flow: 'login', userId: null };

/** What the fake passport strategy does when it runs, with `this` as passport gives it. */
type Behaviour = (run: TestStrategy, req: Request) => void;

/**
 * A passport-style strategy: keeps its options and verify callback like passport-oauth2 does,
 * and on authenticate() does what the test says.
 */
class FakeOAuthStrategy {
  readonly name = 'fake-social';
  _stateStore: unknown;
  _requestTokenStore: unknown;

  constructor(
    readonly passportOptions: Record<string, unknown>,
    readonly verifyCallback: (...args: unknown[]) => unknown,
  ) {
    this._stateStore = passportOptions.store;
    this._requestTokenStore = passportOptions.requestTokenStore;
  }

  authenticate(req: Request, options: object): void {
    const run = this as unknown as TestStrategy;
    run.calls.push({ req, options });
    run.behave(run, req);
  }
}

class TestStrategy extends SocialStrategy(FakeOAuthStrategy) {
  // The fake's own members, and what passport and the base attach to each run.
  declare readonly passportOptions: Record<string, unknown>;
  declare readonly verifyCallback: (...args: unknown[]) => unknown;
  declare success: (user: unknown, info?: unknown) => void;
  declare fail: (challenge?: unknown, status?: number) => void;
  declare error: (err: unknown) => void;
  declare redirect: (url: string, status?: number) => void;
  declare pass: () => void;
  declare _stateStore: unknown;
  declare _requestTokenStore: unknown;
  readonly calls: { req: unknown; options: unknown }[] = [];
  behave: Behaviour = () => undefined;

  constructor(deps: SocialStrategyDeps) {
    super({ clientID: 'client-id' }, deps);
  }

  override toProfileValues(json: unknown) {
    const { id, name, verified } = json as { id: string; name?: string; verified?: unknown };
    return {
      providerUserId: id,
      displayName: name ?? null,
      fullName: name ?? null,
      email: 'jane@example.com',
      profileUrl: null,
      imageUrl: null,
      emailVerified: verified as boolean,
    };
  }
}

function config(overrides: Partial<ResolvedProviderConfig> = {}): ResolvedProviderConfig {
  return {
    id: 'fake',
    name: 'Fake',
    protocol: 'oauth2',
    key: 'client-id',
    secret: 'client-secret',
    scope: [],
    endpoints: { authorizationURL: 'https://provider.test/authorize' },
    apiURL: 'https://provider.test/api',
    timeoutMs: 1000,
    pkce: true,
    ...overrides,
  };
}

function strategy(
  behave: Behaviour = () => undefined,
  overrides: Partial<ResolvedProviderConfig> = {},
) {
  const s = new TestStrategy({
    config: config(overrides),
    stateStore: new SessionOAuthStateStore({ login: LOGIN_KEY, connect: 'oauth:connect' }),
  });
  s.behave = behave;
  return s;
}

function request(query: Record<string, unknown> = {}, session: Record<string, any> = {}) {
  return { session, query } as unknown as Request & { session: Record<string, any> };
}

type Answer =
  | { kind: 'success'; user: unknown; info: unknown }
  | { kind: 'fail'; challenge: unknown; status?: number }
  | { kind: 'error'; error: unknown }
  | { kind: 'redirect'; url: string }
  | { kind: 'pass' };

/**
 * Runs the strategy the way passport's middleware does: on a per-request copy with the actions
 * attached. Records every action that reaches passport, to show that only the first does.
 */
function run(s: TestStrategy, req: Request = request(), state: RoundTripState = START) {
  const answers: Answer[] = [];
  const copy = Object.create(s) as TestStrategy;
  copy.success = (user, info) => void answers.push({ kind: 'success', user, info });
  copy.fail = (challenge, status) => void answers.push({ kind: 'fail', challenge, status });
  copy.error = (error) => void answers.push({ kind: 'error', error });
  copy.redirect = (url) => void answers.push({ kind: 'redirect', url });
  copy.pass = () => void answers.push({ kind: 'pass' });
  copy.authenticate(req, { callbackURL: CALLBACK_URL, state });
  return { copy, answers };
}

/** The pre-checks before the passport strategy runs are asynchronous. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('SocialStrategy', () => {
  describe('an answer', () => {
    it('passes success on with the user and the info', async () => {
      const { answers } = run(strategy((self) => self.success({ id: 'u1' }, { state: START })));
      await settled();
      expect(answers).toEqual([{ kind: 'success', user: { id: 'u1' }, info: { state: START } }]);
    });

    it('passes fail on with the challenge and the status', async () => {
      const { answers } = run(strategy((self) => self.fail({ reason: 'state_invalid' }, 403)));
      await settled();
      expect(answers).toEqual([
        { kind: 'fail', challenge: { reason: 'state_invalid' }, status: 403 },
      ]);
    });

    it('passes fail(status) on unchanged, for passport to read the number as the status', async () => {
      const { answers } = run(strategy((self) => self.fail(401)));
      await settled();
      expect(answers).toEqual([{ kind: 'fail', challenge: 401, status: undefined }]);
    });

    it('passes a fail without a status on without one (a denial)', async () => {
      const { answers } = run(strategy((self) => self.fail({ message: 'User denied' })));
      await settled();
      expect(answers).toEqual([
        { kind: 'fail', challenge: { message: 'User denied' }, status: undefined },
      ]);
    });

    it('turns a redirect into a success carrying a ProviderRedirect, never a redirect', async () => {
      const url = 'https://provider.test/authorize?x=1';
      const { answers } = run(strategy((self) => self.redirect(url)));
      await settled();
      expect(answers).toEqual([{ kind: 'success', user: new ProviderRedirect(url), info: {} }]);
      expect((answers[0] as { user: unknown }).user).toBeInstanceOf(ProviderRedirect);
    });

    it('passes on the error the strategy reports', async () => {
      const error = new Error('token endpoint down');
      const { answers } = run(strategy((self) => self.error(error)));
      await settled();
      expect(answers).toEqual([{ kind: 'error', error }]);
    });

    it('turns an exception thrown by the strategy’s authenticate() into an error', async () => {
      const error = new TypeError('bug in strategy');
      const { answers } = run(
        strategy(() => {
          throw error;
        }),
      );
      await settled();
      expect(answers).toEqual([{ kind: 'error', error }]);
    });

    it('turns pass() into an error', async () => {
      const { answers } = run(strategy((self) => self.pass()));
      await settled();
      expect(answers).toHaveLength(1);
      expect(answers[0].kind).toBe('error');
      expect((answers[0] as { error: Error }).error.message).toMatch(/passed the request on/);
    });

    it('settles once: the first answer wins', async () => {
      const { answers } = run(
        strategy((self) => {
          self.success({ id: 'u1' }, {});
          self.error(new Error('after the fact'));
          self.fail({ reason: 'state_invalid' }, 403);
          self.redirect('/x');
        }),
      );
      await settled();
      expect(answers).toEqual([{ kind: 'success', user: { id: 'u1' }, info: {} }]);
    });

    it('settles from an asynchronous answer', async () => {
      const { answers } = run(
        strategy((self) => {
          setImmediate(() => self.fail({ message: 'later' }, 403));
        }),
      );
      await settled();
      await settled();
      expect(answers).toEqual([{ kind: 'fail', challenge: { message: 'later' }, status: 403 }]);
    });
  });

  describe('the provider deadline', () => {
    it('fails a run still going after config.timeoutMs with ProviderTimeoutError, and ignores a late answer', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      let finish: (() => void) | undefined;
      const { answers } = run(
        strategy(
          (self) => {
            finish = () => self.success({ id: 'late' }, {});
          },
          { timeoutMs: 8000 },
        ),
      );
      await vi.advanceTimersByTimeAsync(7999);
      expect(answers).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(answers).toHaveLength(1);
      const { error } = answers[0] as { error: Error };
      expect(error).toBeInstanceOf(ProviderTimeoutError);
      expect(error.message).toBe('fake did not answer within 8000 ms');
      finish!();
      await settled();
      expect(answers).toHaveLength(1);
    });

    it('clears its timer once the strategy has answered', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { answers } = run(strategy((self) => self.redirect('/x')));
      await settled();
      expect(answers).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('a run', () => {
    it('hands the request and the options, with the flow’s extra options, to the strategy', async () => {
      class WithOptions extends TestStrategy {
        override authenticateOptions(flow: SocialFlow) {
          return flow === 'connect' ? { accessType: 'offline' } : {};
        }
      }
      const s = new WithOptions({
        config: config(),
        stateStore: new SessionOAuthStateStore({ login: LOGIN_KEY, connect: 'oauth:connect' }),
      });
      s.behave = (self) => self.redirect('/x');
      const req = request();
      const connect: RoundTripState = { step: 'start', flow: 'connect', userId: 'u1', next: '/' };
      run(s, req, connect);
      await settled();
      expect(s.calls).toEqual([
        { req, options: { callbackURL: CALLBACK_URL, state: connect, accessType: 'offline' } },
      ]);
    });

    it('gives concurrent runs of one instance their own outcomes and stores, and leaves the instance untouched', async () => {
      const s = strategy((self, req) => {
        setImmediate(() => self.success({ id: (req as unknown as { id: string }).id }, {}));
      });
      const placeholder = s._stateStore;
      const a = run(s, { ...request(), id: 'a' } as unknown as Request);
      const b = run(s, { ...request(), id: 'b' } as unknown as Request);
      await settled();
      await settled();
      expect(a.answers).toEqual([{ kind: 'success', user: { id: 'a' }, info: {} }]);
      expect(b.answers).toEqual([{ kind: 'success', user: { id: 'b' }, info: {} }]);
      // Each run has its own store, bound to its own request's round trip.
      expect(a.copy._stateStore).toBeInstanceOf(OAuth2StateStoreAdapter);
      expect(b.copy._stateStore).toBeInstanceOf(OAuth2StateStoreAdapter);
      expect(a.copy._stateStore).not.toBe(b.copy._stateStore);
      for (const action of ['success', 'fail', 'error', 'redirect', 'pass']) {
        expect(Object.hasOwn(s, action)).toBe(false);
      }
      expect(s._stateStore).toBe(placeholder);
    });

    it('gives an OAuth 1.0a run its own request-token store', async () => {
      const s = strategy((self) => self.redirect('/x'), { protocol: 'oauth1', pkce: false });
      const { copy } = run(s);
      await settled();
      expect(copy._requestTokenStore).toBeInstanceOf(OAuth1RequestTokenStoreAdapter);
      expect(Object.hasOwn(copy, '_stateStore')).toBe(false);
    });

    it('keeps a started round trip through the run’s store, bound to the start state', async () => {
      // What passport-oauth2 does on a start: store a state with the verifier, then redirect.
      const s = strategy((self, req) => {
        const store = self._stateStore as OAuth2StateStoreAdapter;
        store.store(req, 'the-verifier', undefined, {}, (err, handle) =>
          err ? self.error(err) : self.redirect(`https://provider.test/authorize?state=${handle}`),
        );
      });
      const req = request();
      const { answers } = run(s, req, {
        step: 'start',
        flow: 'login',
        userId: null,
        next: '/home',
      });
      await settled();
      const [pending] = pendingIn(req.session, LOGIN_KEY);
      expect(pending).toMatchObject({
        providerId: 'fake',
        flow: 'login',
        userId: null,
        next: '/home',
        verifier: 'the-verifier',
      });
      expect(answers).toEqual([
        {
          kind: 'success',
          user: new ProviderRedirect(`https://provider.test/authorize?state=${pending.handle}`),
          info: {},
        },
      ]);
    });
  });

  describe('refuses before the strategy runs', () => {
    it.each([
      ['a repeated state', { code: 'c', state: ['a', 'b'] }],
      ['a nested state', { code: 'c', state: { $ne: '' } }],
      ['a bracketed state key', { code: 'c', 'state[$ne]': 'x' }],
      ['an empty code', { code: '', state: 's' }],
      ['an oversized code', { code: 'c'.repeat(2049), state: 's' }],
    ])('a callback with %s: invalid_callback (400)', async (_label, query) => {
      const s = strategy((self) => self.redirect('/x'));
      const { answers } = run(s, request(query), CALLBACK);
      await settled();
      expect(answers).toEqual([
        { kind: 'fail', challenge: { reason: 'invalid_callback' }, status: 400 },
      ]);
      expect(s.calls).toEqual([]);
    });

    it('a start that carries a code: invalid_callback (400), never the callback branch', async () => {
      const s = strategy((self) => self.redirect('/x'));
      const { answers } = run(s, request({ code: 'c' }), START);
      await settled();
      expect(answers).toEqual([
        { kind: 'fail', challenge: { reason: 'invalid_callback' }, status: 400 },
      ]);
      expect(s.calls).toEqual([]);
    });

    it('an error redirect of a started round trip: access_denied, and the round trip is spent', async () => {
      const s = strategy((self, req) => {
        (self._stateStore as OAuth2StateStoreAdapter).store(req, 'v', undefined, {}, () =>
          self.redirect('/authorize'),
        );
      });
      const begin = request();
      run(s, begin, START);
      await settled();
      const [pending] = pendingIn(begin.session, LOGIN_KEY);
      s.calls.length = 0;

      const query = { error: 'access_denied', state: pending.handle };
      const { answers } = run(s, request(query, begin.session), CALLBACK);
      await settled();
      expect(answers).toEqual([
        { kind: 'fail', challenge: { reason: 'access_denied' }, status: undefined },
      ]);
      expect(s.calls).toEqual([]);
      expect(begin.session[LOGIN_KEY]).toBeUndefined();
    });

    it('passes a well-formed callback on to the strategy', async () => {
      const s = strategy((self) => self.fail({ reason: 'state_invalid' }, 403));
      const { answers } = run(s, request({ code: 'c', state: 's' }), CALLBACK);
      await settled();
      expect(s.calls).toHaveLength(1);
      expect(answers).toEqual([
        { kind: 'fail', challenge: { reason: 'state_invalid' }, status: 403 },
      ]);
    });
  });

  describe('validate()', () => {
    const req = request();

    it('maps an OAuth 2 profile and tokens to a SocialAuthResult', () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
      const result = strategy().validate(
        req,
        'access-token',
        'refresh-token',
        { expires_in: 3600, scope: 'openid email' },
        { _json: { id: 'p1', name: 'Jane', verified: true } },
      );
      expect(result).toEqual({
        profile: {
          providerId: 'fake',
          providerUserId: 'p1',
          displayName: 'Jane',
          fullName: 'Jane',
          email: 'jane@example.com',
          profileUrl: null,
          imageUrl: null,
          emailVerified: true,
        },
        tokens: {
          accessToken: 'access-token',
          secret: null,
          refreshToken: 'refresh-token',
          expiresAt: new Date('2026-01-01T01:00:00Z'),
          scope: 'openid email',
        },
      });
    });

    it('keeps an OAuth 1.0a token secret as the secret, with no refresh token or expiry', async () => {
      const result = await strategy(undefined, { protocol: 'oauth1', pkce: false }).validate(
        req,
        'token',
        'token-secret',
        {},
        { _json: { id: 'p1' } },
      );
      expect(result.tokens).toEqual({
        accessToken: 'token',
        secret: 'token-secret',
        refreshToken: null,
        expiresAt: null,
        scope: null,
      });
    });

    it('counts only a real true as a verified email, and no usable expiry as none', async () => {
      const result = await strategy().validate(
        req,
        'access-token',
        '',
        { expires_in: 'soon' },
        { _json: { id: 'p1', verified: 'true' } },
      );
      expect(result.profile.emailVerified).toBe(false);
      expect(result.tokens).toMatchObject({ refreshToken: null, expiresAt: null });
    });

    it('checks the profile with verifyProfile() before mapping it', () => {
      class Workspace extends TestStrategy {
        override verifyProfile(json: unknown) {
          if ((json as { hd?: string }).hd !== 'example.com') {
            throw new ProfileNotAllowedError('not in example.com');
          }
        }
      }
      const s = new Workspace({
        config: config(),
        stateStore: new SessionOAuthStateStore({ login: LOGIN_KEY, connect: 'oauth:connect' }),
      });
      const toProfileValues = vi.spyOn(s, 'toProfileValues');
      expect(() => s.validate(req, 'at', undefined, {}, { _json: { id: 'p1' } })).toThrow(
        ProfileNotAllowedError,
      );
      expect(toProfileValues).not.toHaveBeenCalled();
    });

    it('is what passport’s verify callback answers with, passReqToCallback style (arity 6)', async () => {
      const s = strategy();
      expect(s.passportOptions.passReqToCallback).toBe(true);
      expect(s.verifyCallback).toHaveLength(6);
      const done = await new Promise<unknown[]>((resolve) =>
        s.verifyCallback(req, 'at', 'rt', {}, { _json: { id: 'p1' } }, (...args: unknown[]) =>
          resolve(args),
        ),
      );
      expect(done).toEqual([null, s.validate(req, 'at', 'rt', {}, { _json: { id: 'p1' } })]);
    });
  });

  describe('construction', () => {
    it('gives the passport strategy its options, and stores that refuse to be used outside a run', () => {
      const s = strategy();
      expect(s.passportOptions).toMatchObject({ clientID: 'client-id', passReqToCallback: true });
      for (const store of [s.passportOptions.store, s.passportOptions.requestTokenStore]) {
        expect(() => (store as { store(): void }).store()).toThrow(
          /ran without its per-request state store/,
        );
      }
    });

    it('does not register the strategy in passport’s global registry', () => {
      strategy();
      const registry = passport as unknown as { _strategy(name: string): unknown };
      expect(registry._strategy('fake-social')).toBeUndefined();
    });
  });
});
