// R7: an expiring access token is renewed with the refresh token before getApi() hands a client
// out; one refresh for concurrent callers; a refused refresh token sets needs_reauth. For Google
// (client secret in the body), the discovered OIDC issuer (HTTP Basic, as discovery advertises)
// and X's OAuth 2.0 (HTTP Basic; it rotates refresh tokens and refuses with invalid_request).
import { beforeEach, describe, expect, it } from 'vitest';
import type { OAuth2Client } from 'google-auth-library';
import { type ApiClient, SocialService } from 'nestjs-social';
import type { TwitterApi } from 'twitter-api-v2';
import { SANDBOX_IDENTITIES } from '../apps/provider-sandbox/src/index.js';
import { TestBrowser } from './support/browser.js';
import { Flows } from './support/flows.js';
import { useSandboxApp } from './support/sandbox-app.js';

/** Reads the connected account's id through each provider's own client. */
type Probe = (api: unknown, sandboxUrl: string) => Promise<string>;

const CASES = [
  {
    provider: 'google',
    rotates: false,
    probe: (async (api, sandboxUrl) =>
      (
        await (api as OAuth2Client).request<{ sub: string }>({
          url: `${sandboxUrl}/google/oauth2/v3/userinfo`,
        })
      ).data.sub) satisfies Probe,
  },
  {
    provider: 'oidc',
    rotates: false,
    probe: (async (api) =>
      (await (api as ApiClient).get<{ sub: string }>('/protocol/openid-connect/userinfo'))
        .sub) satisfies Probe,
  },
  {
    provider: 'twitter',
    rotates: true,
    twitterProtocol: 'oauth2',
    probe: (async (api) => (await (api as TwitterApi).v2.me()).data.id) satisfies Probe,
  },
] as const;

describe.each(CASES)('R7 token refresh in getApi(): $provider', (spec) => {
  const { provider } = spec;
  const env = useSandboxApp({
    providers: [provider],
    twitterProtocol: 'twitterProtocol' in spec ? spec.twitterProtocol : undefined,
  });
  let social: SocialService;
  beforeEach(() => {
    social = env.app.app.get(SocialService);
  });

  /** Connects u1's account, then makes its access token expire. */
  async function expiredConnection() {
    const flows = new Flows(env.app, new TestBrowser(), provider);
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    await env.app.dataSource.query(`UPDATE social_connection SET "expiresAt" = ?`, [
      new Date(Date.now() - 1000).toISOString(),
    ]);
    env.sandbox.resetCalls();
    const [connection] = await env.app.connections('u1');
    expect(connection!.refreshToken).toBeTruthy();
    return connection!;
  }

  it('renews an expired access token once, and the client works with the new one', async () => {
    const before = await expiredConnection();
    const api = await social.provider(provider).getApi('u1');
    expect(await spec.probe(api, env.sandbox.url)).toBe(SANDBOX_IDENTITIES[provider][0]!.id);
    expect(env.sandbox.calls(provider, 'token')).toBe(1);
    const [after] = await env.app.connections('u1');
    expect(after!.accessToken).not.toBe(before.accessToken);
    // X hands out a new refresh token with each refresh; the others keep theirs.
    if (spec.rotates) expect(after!.refreshToken).not.toBe(before.refreshToken);
    else expect(after!.refreshToken).toBe(before.refreshToken);
    expect(after!.refreshToken).toBeTruthy();
    expect(after!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });

  it('ten concurrent callers share one refresh (one token-endpoint call)', async () => {
    await expiredConnection();
    const clients = await Promise.all(
      Array.from({ length: 10 }, () => social.provider(provider).getApi('u1')),
    );
    expect(clients.every((client) => client !== null)).toBe(true);
    expect(env.sandbox.calls(provider, 'token')).toBe(1);
  });

  it('does not call the token endpoint while the access token is still valid', async () => {
    const flows = new Flows(env.app, new TestBrowser(), provider);
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    env.sandbox.resetCalls();
    expect(await social.provider(provider).getApi('u1')).not.toBeNull();
    expect(env.sandbox.calls(provider, 'token')).toBe(0);
  });

  it("a refused refresh token (the provider's invalid_grant) sets needs_reauth: getApi() gives null", async () => {
    await expiredConnection();
    env.sandbox.setFault({ provider, endpoint: 'token', kind: 'invalid_grant' });
    expect(await social.provider(provider).getApi('u1')).toBeNull();
    const [row] = await env.app.rows();
    expect(row!).toMatchObject({ status: 'needs_reauth', statusReason: 'refresh_refused' });
    expect(await social.provider(provider).getApi('u1')).toBeNull();
  });
});
