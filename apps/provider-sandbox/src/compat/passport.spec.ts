import { createRequire } from 'node:module';
import type { Strategy as PassportStrategy } from 'passport';
import { Strategy as FacebookStrategy } from 'passport-facebook';
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
import { Strategy as TwitterStrategy } from 'passport-twitter';
import { describe, expect, it } from 'vitest';
import { completeConsent } from '../consent/complete-consent.js';
import { loginCallback, queryOf, testClient, useTestSandbox } from '../testing/sandbox.fixture.js';

// passport-foursquare ships no types.
const { Strategy: FoursquareStrategy } = createRequire(import.meta.url)('passport-foursquare') as {
  Strategy: new (options: object, verify: (...args: never[]) => void) => PassportStrategy;
};

type Outcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'success'; user: { token: string; profile: Record<string, unknown> } }
  | { kind: 'fail'; challenge: unknown; status?: number }
  | { kind: 'error'; error: Error };

interface FakeRequest {
  query: Record<string, string>;
  body: Record<string, string>;
  session: Record<string, unknown>;
  headers: Record<string, string>;
  connection: object;
  method: string;
  url: string;
}

/** Runs one passport step the way passport does: a per-request copy with the action hooks. */
function step(strategy: PassportStrategy, req: FakeRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    const run = Object.create(strategy) as PassportStrategy & Record<string, unknown>;
    run.redirect = (url: string) => resolve({ kind: 'redirect', url });
    run.success = (user: never) => resolve({ kind: 'success', user });
    run.fail = (challenge: unknown, status?: number) =>
      resolve({ kind: 'fail', challenge, status });
    run.error = (error: Error) => resolve({ kind: 'error', error });
    run.pass = () => resolve({ kind: 'fail', challenge: 'pass' });
    (run as unknown as { authenticate(req: FakeRequest, options: object): void }).authenticate(
      req,
      {},
    );
  });
}

const request = (
  session: Record<string, unknown>,
  query: Record<string, string> = {},
): FakeRequest => ({
  query,
  body: {},
  session,
  headers: { host: 'localhost:3000' },
  connection: {},
  method: 'GET',
  url: '/login',
});

/** Start, consent, callback: the whole login a browser would make. */
async function login(
  strategy: PassportStrategy,
  choice: { identity?: string; decision?: 'allow' | 'deny' } = {},
) {
  const session: Record<string, unknown> = {};
  const start = await step(strategy, request(session));
  if (start.kind !== 'redirect') throw new Error(`expected a redirect, got ${start.kind}`);
  const callback = await completeConsent(start.url, choice);
  return step(strategy, request(session, Object.fromEntries(queryOf(callback))));
}

/** Asserts that a login succeeded with a profile that has `expected`. */
function expectProfile(outcome: Outcome, expected: Record<string, unknown>): void {
  expect(outcome.kind).toBe('success');
  if (outcome.kind === 'success') expect(outcome.user.profile).toMatchObject(expected);
}

const verify = (
  token: string,
  _secret: string,
  profile: object,
  done: (error: null, user: object) => void,
) => done(null, { token, profile });

const env = useTestSandbox();

function twitter(): PassportStrategy {
  const client = testClient('twitter');
  return new TwitterStrategy(
    {
      consumerKey: client.clientId,
      consumerSecret: client.clientSecret,
      callbackURL: loginCallback('twitter'),
      includeEmail: true,
      ...env.urls.twitter,
    },
    verify,
  );
}

function oauth2Options(provider: 'facebook' | 'google' | 'foursquare') {
  const client = testClient(provider);
  return {
    clientID: client.clientId,
    clientSecret: client.clientSecret,
    callbackURL: loginCallback(provider),
    authorizationURL: env.urls[provider].authorizationURL,
    tokenURL: env.urls[provider].tokenURL,
  };
}

/** What SECURITY.md #59 asks of the module: Bearer header for profile calls. */
function bearerForGet<T extends PassportStrategy>(strategy: T): T {
  (
    strategy as unknown as { _oauth2: { useAuthorizationHeaderforGET(on: boolean): void } }
  )._oauth2.useAuthorizationHeaderforGET(true);
  return strategy;
}

describe('real passport strategies against the sandbox', () => {
  it('passport-twitter logs in, with email', async () => {
    expectProfile(await login(twitter()), {
      id: '1000000001',
      username: 'alice_sandbox',
      displayName: 'Alice Anders',
      emails: [{ value: 'alice@example.com' }],
    });
  });

  it('passport-twitter fails on a denial', async () => {
    const outcome = await login(twitter(), { decision: 'deny' });
    expect(outcome.kind).toBe('fail');
  });

  it('passport-facebook logs in with state, appsecret_proof and the Bearer header', async () => {
    const strategy = bearerForGet(
      new FacebookStrategy(
        {
          ...oauth2Options('facebook'),
          profileURL: env.urls.facebook.userProfileURL,
          profileFields: ['id', 'displayName', 'name', 'emails', 'photos', 'profileUrl'],
          enableProof: true,
          state: true,
          scope: ['email'],
        },
        verify,
      ),
    );
    expectProfile(await login(strategy, { identity: 'bob' }), {
      id: '100000000000002',
      displayName: 'Bob James Brown',
      name: { givenName: 'Bob', familyName: 'Brown', middleName: 'James' },
      emails: [{ value: 'bob@example.net' }],
      photos: [{ value: `${env.sandbox.url}/__sandbox/avatars/facebook/bob.svg` }],
    });
  });

  it('passport-google-oauth20 logs in with PKCE and state', async () => {
    const strategy = bearerForGet(
      new GoogleStrategy(
        {
          ...oauth2Options('google'),
          userProfileURL: env.urls.google.userProfileURL,
          pkce: true,
          state: true,
          scope: ['openid', 'profile', 'email'],
        },
        verify,
      ),
    );
    expectProfile(await login(strategy), {
      id: '110000000000000000001',
      displayName: 'Alice Anders',
      emails: [{ value: 'alice@example.com', verified: true }],
    });
  });

  it('passport-google-oauth20 without the Bearer header is refused at userinfo', async () => {
    const strategy = new GoogleStrategy(
      {
        ...oauth2Options('google'),
        userProfileURL: env.urls.google.userProfileURL,
        scope: ['email'],
      },
      verify,
    );
    const outcome = await login(strategy);
    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'error') expect(outcome.error.name).toBe('UserInfoError');
  });

  it('passport-foursquare logs in with the oauth_token query parameter', async () => {
    const strategy = new FoursquareStrategy(
      { ...oauth2Options('foursquare'), userProfileURL: env.urls.foursquare.userProfileURL },
      verify,
    );
    expectProfile(await login(strategy, { identity: 'bob' }), {
      id: '10000002',
      name: { givenName: 'Bob', familyName: 'Brown' },
      emails: [{ value: 'bob@example.net' }],
    });
  });
});
