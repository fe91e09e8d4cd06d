// OpenID Connect: the sandbox issuer added by its issuer URL alone, and Google, have their ID
// tokens validated (signature against the JWKS with key rotation, iss, aud, exp, nonce); a bad
// one is refused with OAUTH_ID_TOKEN_INVALID and its reason, never a 500, nothing stored.
import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_IDENTITIES, type SandboxFaultKind } from '../apps/provider-sandbox/src/index.js';
import { startSocialTestApp } from './fixtures/social-test-app.js';
import { TestBrowser } from './support/browser.js';
import { consentCallbackUrl } from './support/consent.js';
import { Flows } from './support/flows.js';
import { useSandboxApp } from './support/sandbox-app.js';

const env = useSandboxApp({ providers: ['oidc', 'google'] });

const BAD_TOKENS: [SandboxFaultKind, string][] = [
  ['id_token_bad_signature', 'id_token_signature_invalid'],
  ['id_token_wrong_issuer', 'id_token_issuer_mismatch'],
  ['id_token_wrong_audience', 'id_token_audience_mismatch'],
  ['id_token_wrong_nonce', 'id_token_nonce_mismatch'],
  ['id_token_expired', 'id_token_expired'],
  ['id_token_missing', 'id_token_invalid'],
];

describe.each(['oidc', 'google'] as const)('%s ID tokens', (provider) => {
  let flows: Flows;
  beforeEach(() => {
    flows = new Flows(env.app, new TestBrowser(), provider);
  });

  it.each(BAD_TOKENS)(
    'a connect whose token answer has %s → 403 OAUTH_ID_TOKEN_INVALID (%s), nothing stored',
    async (kind, reason) => {
      env.sandbox.setFault({ provider, endpoint: 'token', kind });
      const answer = await flows.connectJson();
      expect(answer).toMatchObject({ status: 403, code: 'OAUTH_ID_TOKEN_INVALID' });
      expect(await env.app.rows()).toEqual([]);
      expect(env.app.events.named('connection.failed')).toEqual([
        expect.objectContaining({ providerId: provider, reason }),
      ]);
      // Refused before the profile is read.
      expect(env.sandbox.calls(provider, 'profile')).toBe(0);
    },
  );

  it.each(BAD_TOKENS)(
    'a login whose token answer has %s is refused (%s): login.failed, nobody logged in',
    async (kind, reason) => {
      await flows.logInAs('u1');
      await flows.connect('allow', 'alice');
      await flows.logOut();
      env.app.events.clear();
      env.sandbox.setFault({ provider, endpoint: 'token', kind });
      const page = await flows.login('allow', 'alice');
      expect(await flows.me()).toBeNull();
      expect(page.url).toContain('/login');
      expect(env.app.events.named('login.failed')).toEqual([
        expect.objectContaining({ providerId: provider, reason }),
      ]);
      expect(env.app.events.named('login.completed')).toEqual([]);
    },
  );

  it('sends a fresh nonce with every round trip (OIDC Core §3.1.2.1)', async () => {
    await flows.logInAs('u1');
    const first = new URL(await flows.start('connect'));
    const second = new URL(await flows.start('connect'));
    const nonces = [first, second].map((url) => url.searchParams.get('nonce'));
    expect(nonces[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nonces[1]).not.toBe(nonces[0]);
    expect(first.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('follows a key rotation: the JWKS is fetched again for the new key, once', async () => {
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    const fetched = env.sandbox.calls(provider, 'jwks');
    env.sandbox.rotateKeys(provider);
    expect(await flows.connectJson('bob')).toMatchObject({ status: 201 });
    expect(env.sandbox.calls(provider, 'jwks')).toBe(fetched + 1);
    expect(await flows.connectJson('carol')).toMatchObject({ status: 201 });
    expect(env.sandbox.calls(provider, 'jwks')).toBe(fetched + 1);
  });

  it('a JWKS that cannot be read after a rotation is a provider error (502), not a refusal', async () => {
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    env.sandbox.rotateKeys(provider);
    env.sandbox.setFault({ provider, endpoint: 'jwks', kind: 'status', status: 500 });
    expect(await flows.connectJson('bob')).toMatchObject({
      status: 502,
      code: 'OAUTH_PROVIDER_ERROR',
    });
    expect(await env.app.rows({ providerUserId: SANDBOX_IDENTITIES[provider][1]!.id })).toEqual([]);
  });
});

describe('the OpenID Connect issuer (discovered)', () => {
  it('keeps the profile from the ID token and userinfo: sub, username, verified email', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'oidc');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    const [row] = await env.app.rows();
    const alice = SANDBOX_IDENTITIES.oidc[0]!;
    expect(row).toMatchObject({
      providerUserId: alice.id,
      displayName: 'alice',
      fullName: 'Alice Anders',
      email: 'alice@example.com',
      imageUrl: `${env.sandbox.url}/__sandbox/avatars/oidc/alice.svg`,
    });
    // A connect asks for offline_access (advertised): the connection can be refreshed.
    const [connection] = await env.app.connections('u1');
    expect(connection!.refreshToken).toBeTruthy();
    expect(connection!.scope?.split(' ')).toContain('offline_access');
  });

  it('a login asks only for the configured scopes, no offline_access', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'oidc');
    const location = new URL(await flows.start('login'));
    expect(location.pathname).toBe('/oidc/protocol/openid-connect/auth');
    expect(location.searchParams.get('scope')).toBe('openid profile email');
  });

  it('refuses a userinfo answer about another subject (OIDC Core §5.3.2)', async () => {
    env.sandbox.setFault({
      provider: 'oidc',
      endpoint: 'profile',
      kind: 'body',
      body: { sub: 'someone-else' },
    });
    const flows = new Flows(env.app, new TestBrowser(), 'oidc');
    expect(await flows.connectJson()).toMatchObject({
      status: 403,
      code: 'OAUTH_ID_TOKEN_INVALID',
    });
    expect(await env.app.rows()).toEqual([]);
  });

  it('refuses a callback without iss from an issuer that says it sends one (RFC 9207)', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'oidc');
    await flows.logInAs('u1');
    const consent = await flows.browser.post(flows.url('/connect/oidc'));
    const callback = new URL(await consentCallbackUrl(flows.browser, consent));
    expect(callback.searchParams.get('iss')).toBe(`${env.sandbox.url}/oidc`);
    callback.searchParams.delete('iss');
    expect(await flows.json(callback.pathname + callback.search)).toMatchObject({
      status: 403,
      code: 'OAUTH_ISSUER_MISMATCH',
    });
    expect(env.sandbox.calls('oidc', 'token')).toBe(0);
  });
});

describe('discovery at boot', () => {
  it('an unreachable issuer stops the boot with an error naming the provider and the fix', async () => {
    await expect(
      startSocialTestApp(env.sandbox, {
        providers: ['oidc'],
        providerOverrides: { oidc: { issuer: 'http://127.0.0.1:1/realms/acme' } },
      }),
    ).rejects.toThrow(
      /providers\.oidc: the OpenID Connect issuer could not be discovered \(http:\/\/127\.0\.0\.1:1\/realms\/acme\/\.well-known\/openid-configuration: unreachable\)/,
    );
  });

  it('an issuer whose document names another issuer stops the boot', async () => {
    await expect(
      startSocialTestApp(env.sandbox, {
        providers: ['oidc'],
        providerOverrides: { oidc: { issuer: `${env.sandbox.url}/oidc/` } },
      }),
    ).rejects.toThrow(/names the issuer "http:\/\/127\.0\.0\.1:\d+\/oidc", not ".*\/oidc\/"/);
  });

  it('a path that serves no discovery document stops the boot', async () => {
    await expect(
      startSocialTestApp(env.sandbox, {
        providers: ['oidc'],
        providerOverrides: { oidc: { issuer: `${env.sandbox.url}/nowhere` } },
      }),
    ).rejects.toThrow(/could not be discovered \(.*: HTTP 404\)/);
  });
});
