// The last way to log in is kept under concurrency: the check and the delete run under a lock on
// the user's connections (PostgreSQL, two instances), never check-then-act across requests.
import { PasswordlessTestUsers } from './fixtures/passwordless-test-users.js';
import { describe, expect, it } from 'vitest';
import { ConnectionRepository, type NewConnection } from 'nestjs-social';
import { TestBrowser } from './support/browser.js';
import { Flows, JSON_ACCEPT } from './support/flows.js';
import { cookieHeader, useTwoInstances } from './support/two-instances.js';

const env = useTwoInstances({ overrides: { users: PasswordlessTestUsers } });

/** The four built-in providers, each disconnected by its own concurrent request. */
const FOUR_PROVIDERS = ['twitter', 'facebook', 'google', 'foursquare'] as const;

/** u1's connection to a provider account, tokens made up (nothing calls the provider with them). */
function connectionOf(providerId: string, providerUserId: string): NewConnection {
  return {
    userId: 'u1',
    providerId,
    providerUserId,
    accessToken: `token-${providerUserId}`,
    secret: providerId === 'twitter' ? 'secret' : null,
    refreshToken: null,
    expiresAt: null,
    scope: null,
    displayName: null,
    fullName: null,
    email: null,
    profileUrl: null,
    imageUrl: null,
  };
}

describe('a user without a password removing their connections at once, over two instances', () => {
  it('always keeps one: 50 rounds of four concurrent disconnects, one per provider', async () => {
    const flows = new Flows(env.a, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    const cookie = cookieHeader(flows.browser.cookies(env.a.url));
    const repository = env.a.app.get(ConnectionRepository);
    for (let round = 0; round < 50; round++) {
      await env.a.clearConnections();
      for (const providerId of FOUR_PROVIDERS) {
        await repository.createConnection(connectionOf(providerId, `${providerId}-${round}`));
      }
      const answers = await Promise.all(
        FOUR_PROVIDERS.map(async (providerId, i) => {
          const instance = i % 2 === 0 ? env.a : env.b;
          const response = await fetch(`${instance.url}/connect/${providerId}`, {
            method: 'DELETE',
            headers: { ...JSON_ACCEPT, cookie },
          });
          return {
            status: response.status,
            code: ((await response.json()) as { code?: string }).code,
          };
        }),
      );
      expect(await env.a.rows({ userId: 'u1' })).toHaveLength(1);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
      expect(answers.filter((a) => a.status === 409)).toEqual([
        { status: 409, code: 'LAST_LOGIN_METHOD' },
      ]);
    }
  });

  it('does not count a connection of a provider this app no longer enables as a way to log in', async () => {
    await env.a.clearConnections();
    const repository = env.a.app.get(ConnectionRepository);
    for (const [providerId, id] of [
      ['google', 'g-1'],
      ['linkedin', 'li-1'],
    ] as const) {
      await repository.createConnection(connectionOf(providerId, id));
    }
    const flows = new Flows(env.a, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    const removed = await flows.browser.post(
      flows.url('/connect/google'),
      { _method: 'DELETE' },
      { headers: JSON_ACCEPT },
    );
    expect(removed.status).toBe(409);
    expect(JSON.parse(removed.text).code).toBe('LAST_LOGIN_METHOD');
    expect(await env.a.rows({ userId: 'u1' })).toHaveLength(2);
  });
});
