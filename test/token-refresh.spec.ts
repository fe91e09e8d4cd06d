// R7: an expiring Google access token is renewed with the refresh token before getApi() hands a
// client out; one refresh for concurrent callers; a refused refresh token flags needsReauth.
import { beforeEach, describe, expect, it } from 'vitest';
import { SocialService } from 'nestjs-social';
import { SANDBOX_IDENTITIES } from '../apps/provider-sandbox/src/index.js';
import { TestBrowser } from './support/browser.js';
import { Flows } from './support/flows.js';
import { useSandboxApp } from './support/sandbox-app.js';

const env = useSandboxApp({ providers: ['google'] });

/** Connects u1's Google account, then makes its access token expire. */
async function expiredConnection() {
  const flows = new Flows(env.app, new TestBrowser(), 'google');
  await flows.logInAs('u1');
  await flows.connect('allow', 'alice');
  await env.app.dataSource.query(`UPDATE social_connection SET "expiresAt" = ?`, [
    new Date(Date.now() - 1000).toISOString(),
  ]);
  env.sandbox.resetCalls();
  const [connection] = await env.app.connections('u1');
  return connection!;
}

describe('R7 token refresh in getApi()', () => {
  let social: SocialService;
  beforeEach(() => {
    social = env.app.app.get(SocialService);
  });

  it('renews an expired access token once, and the client works with the new one', async () => {
    const before = await expiredConnection();
    const api = (await social.google.getApi('u1'))!;
    const me = await api.get<{ sub: string }>('/oauth2/v3/userinfo');
    expect(me.sub).toBe(SANDBOX_IDENTITIES.google[0]!.id);
    expect(env.sandbox.calls('google', 'token')).toBe(1);
    const [after] = await env.app.connections('u1');
    expect(after!.accessToken).not.toBe(before.accessToken);
    expect(after!.refreshToken).toBe(before.refreshToken);
    expect(after!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });

  it('ten concurrent callers share one refresh (one token-endpoint call)', async () => {
    await expiredConnection();
    const clients = await Promise.all(Array.from({ length: 10 }, () => social.google.getApi('u1')));
    expect(clients.every((client) => client !== null)).toBe(true);
    expect(env.sandbox.calls('google', 'token')).toBe(1);
  });

  it('does not call the token endpoint while the access token is still valid', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    env.sandbox.resetCalls();
    expect(await social.google.getApi('u1')).not.toBeNull();
    expect(env.sandbox.calls('google', 'token')).toBe(0);
  });

  it('a refused refresh token (invalid_grant) flags needsReauth: getApi() gives null', async () => {
    await expiredConnection();
    env.sandbox.setFault({ provider: 'google', endpoint: 'token', kind: 'invalid_grant' });
    expect(await social.google.getApi('u1')).toBeNull();
    const [row] = await env.app.rows();
    expect(row!.needsReauth).toBe(true);
    expect(await social.google.getApi('u1')).toBeNull();
  });
});
