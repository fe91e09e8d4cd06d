import { describe, expect, it } from 'vitest';
import { completeConsent } from './consent/complete-consent.js';
import { sandboxConfigFromEnv } from './sandbox.config.js';
import { SANDBOX_DEFAULT_CLIENTS, sandboxEndpoints } from './sandbox.endpoints.js';
import { SANDBOX_IDENTITIES } from './sandbox.identities.js';
import { SANDBOX_PROVIDERS } from './sandbox.types.js';
import {
  loginCallback,
  postForm,
  queryOf,
  startTestSandbox,
  testClient,
  urlWith,
  useTestSandbox,
} from './testing/sandbox.fixture.js';

const env = useTestSandbox();

const googleAuth = (base: string, clientId = testClient('google').clientId) =>
  urlWith(`${base}/google/o/oauth2/v2/auth`, {
    client_id: clientId,
    redirect_uri: loginCallback('google'),
    response_type: 'code',
    scope: 'openid',
    state: 's',
  });

describe('startSandbox', () => {
  it('answers on 127.0.0.1 with a URL without trailing slash', () => {
    expect(env.sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("binds every loopback address for host 'localhost'", async () => {
    const local = await startTestSandbox({ host: 'localhost' });
    try {
      const port = new URL(local.url).port;
      expect(local.url).toBe(`http://localhost:${port}`);
      for (const base of [local.url, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]) {
        const res = await fetch(`${base}/google/.well-known/openid-configuration`);
        expect(res.status).toBe(200);
        expect((await res.json()).issuer).toBe(`${local.url}/google`);
      }
    } finally {
      await local.close();
    }
  });

  it('sets no cookies anywhere in a flow', async () => {
    const page = await fetch(googleAuth(env.sandbox.url));
    expect(page.headers.get('set-cookie')).toBeNull();
    const txn = /name="txn" value="([^"]+)"/.exec(await page.text())![1];
    const decision = await postForm(`${env.sandbox.url}/__sandbox/consent`, {
      txn,
      identity: 'alice',
      decision: 'allow',
    });
    expect(decision.status).toBe(302);
    expect(decision.headers.get('set-cookie')).toBeNull();
    const code = queryOf(decision.headers.get('location')!).get('code')!;
    const client = testClient('google');
    const token = await postForm(`${env.sandbox.url}/google/token`, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: loginCallback('google'),
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('set-cookie')).toBeNull();
  });

  it('renders an escaped, accessible consent page and refuses unknown or reused txns', async () => {
    const clientId = 'evil"><script>alert(1)</script>';
    env.sandbox.registerClient({ ...testClient('google'), clientId });
    const res = await fetch(googleAuth(env.sandbox.url, clientId));
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      '<title>Google sandbox — authorize evil&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>',
    );
    expect(html).toContain(
      '<input type="radio" id="identity-alice" name="identity" value="alice" checked>',
    );
    expect(html).toContain('<label for="identity-carol">');
    expect(html).toContain('<button type="submit" name="decision" value="allow">Allow</button>');
    expect(html).toContain('<button type="submit" name="decision" value="deny">Deny</button>');
    expect(html.match(/<form /g)).toHaveLength(1);

    const txn = /name="txn" value="([^"]+)"/.exec(html)![1];
    const badIdentity = await postForm(`${env.sandbox.url}/__sandbox/consent`, {
      txn,
      identity: 'mallory',
      decision: 'allow',
    });
    expect(badIdentity.status).toBe(400);
    const ok = await postForm(`${env.sandbox.url}/__sandbox/consent`, {
      txn,
      identity: 'bob',
      decision: 'allow',
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toMatch(
      /^http:\/\/localhost:3000\/login\/google\?.*\bcode=/,
    );
    for (const used of [txn, 'unknown']) {
      const again = await postForm(`${env.sandbox.url}/__sandbox/consent`, {
        txn: used,
        identity: 'alice',
        decision: 'allow',
      });
      expect(again.status).toBe(400);
      expect(again.headers.get('location')).toBeNull();
    }
  });

  it('validates and replaces clients', () => {
    expect(() =>
      env.sandbox.registerClient({ ...testClient('google'), redirectUris: ['/relative'] }),
    ).toThrow(TypeError);
    expect(() =>
      env.sandbox.registerClient({ ...testClient('google'), provider: 'myspace' as never }),
    ).toThrow(TypeError);
    expect(() =>
      env.sandbox.setFault({ provider: 'google', endpoint: 'token', kind: 'explode' as never }),
    ).toThrow(TypeError);
  });

  it('uses the replacement when a client is registered again', async () => {
    const replacement = { ...testClient('foursquare'), redirectUris: ['http://localhost:4000/cb'] };
    const local = await startTestSandbox({ clients: [testClient('foursquare')] });
    try {
      local.registerClient(replacement);
      const auth = (redirectUri: string) =>
        urlWith(`${local.url}/foursquare/oauth2/authenticate`, {
          client_id: replacement.clientId,
          response_type: 'code',
          redirect_uri: redirectUri,
        });
      expect((await fetch(auth(loginCallback('foursquare')))).status).toBe(400);
      expect(queryOf(await completeConsent(auth('http://localhost:4000/cb'))).has('code')).toBe(
        true,
      );
    } finally {
      await local.close();
    }
  });

  it('exposes faults, clients and call counts over the loopback admin API', async () => {
    const admin = `${env.sandbox.url}/__sandbox`;
    const json = (method: string, path: string, body?: unknown) =>
      fetch(`${admin}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await json('DELETE', '/calls')).status).toBe(204);
    const fault = { provider: 'google', endpoint: 'token', kind: 'status', status: 502, times: 1 };
    expect((await json('POST', '/faults', fault)).status).toBe(204);
    expect((await fetch(`${env.sandbox.url}/google/token`, { method: 'POST' })).status).toBe(502);
    expect((await fetch(`${env.sandbox.url}/google/token`, { method: 'POST' })).status).toBe(401);

    const bad = await json('POST', '/faults', {
      provider: 'google',
      endpoint: 'nowhere',
      kind: 'delay',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain('endpoint');

    const client = {
      provider: 'google',
      clientId: 'admin-added',
      clientSecret: 's',
      redirectUris: ['http://localhost:3000/x'],
    };
    expect((await json('POST', '/clients', client)).status).toBe(204);
    expect((await fetch(googleAuth(env.sandbox.url, 'admin-added'))).status).toBe(400); // its redirect URI differs

    const calls = await (await fetch(`${admin}/calls`)).json();
    expect(Object.keys(calls)).toEqual([...SANDBOX_PROVIDERS]);
    expect(calls.google).toEqual({
      request_token: 0,
      token: 2,
      jwks: 0,
      revoke: 0,
      profile: 0,
      api: 0,
    });
    expect(env.sandbox.calls('google', 'token')).toBe(2);
    expect((await json('DELETE', '/faults')).status).toBe(204);
  });

  it('closes promptly even with a long delay fault in flight', async () => {
    const local = await startTestSandbox();
    local.setFault({ provider: 'google', endpoint: 'token', kind: 'delay', delayMs: 30_000 });
    const pending = fetch(`${local.url}/google/token`, { method: 'POST' }).catch(
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(local.calls('google', 'token')).toBe(1);
    const started = Date.now();
    await local.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('configuration and data', () => {
  it('reads main.ts settings from the environment', () => {
    const defaults = sandboxConfigFromEnv({});
    expect(defaults).toMatchObject({
      port: 3001,
      host: 'localhost',
      appUrl: 'http://localhost:3000',
    });
    expect(defaults.clients).toEqual(SANDBOX_DEFAULT_CLIENTS('http://localhost:3000'));
    const custom = sandboxConfigFromEnv({
      SANDBOX_PORT: '4001',
      SANDBOX_HOST: '127.0.0.1',
      APP_URL: 'http://app.test:8080/',
    });
    expect(custom).toMatchObject({ port: 4001, host: '127.0.0.1' });
    expect(custom.clients?.[0].redirectUris).toEqual([
      'http://app.test:8080/login/twitter',
      'http://app.test:8080/connect/twitter',
    ]);
    expect(() => sandboxConfigFromEnv({ SANDBOX_PORT: 'x' })).toThrow(/SANDBOX_PORT/);
  });

  it('builds endpoint overrides and default clients', () => {
    const endpoints = sandboxEndpoints('http://localhost:3001/');
    expect(endpoints.twitter.requestTokenURL).toBe(
      'http://localhost:3001/twitter/oauth/request_token',
    );
    expect(endpoints.google.revokeURL).toBe('http://localhost:3001/google/revoke');
    expect(endpoints.facebook.userProfileURL).toMatch(
      /^http:\/\/localhost:3001\/facebook\/v\d+\.\d+\/me$/,
    );
    expect(SANDBOX_DEFAULT_CLIENTS('http://localhost:3000')[0]).toEqual({
      provider: 'twitter',
      clientId: 'sandbox-twitter-key',
      clientSecret: 'sandbox-twitter-secret',
      redirectUris: [
        'http://localhost:3000/login/twitter',
        'http://localhost:3000/connect/twitter',
      ],
    });
  });

  it('has alice, bob and carol everywhere; carol without email; Google verification as specified', () => {
    for (const provider of SANDBOX_PROVIDERS) {
      const identities = SANDBOX_IDENTITIES[provider];
      expect(identities.map((i) => i.key)).toEqual(['alice', 'bob', 'carol']);
      expect(new Set(identities.map((i) => i.id)).size).toBe(3);
      expect(identities[2].email).toBeUndefined();
    }
    expect(SANDBOX_IDENTITIES.twitter[0].id).toBe('1000000001');
    expect(SANDBOX_IDENTITIES.google[0].emailVerified).toBe(true);
    expect(SANDBOX_IDENTITIES.google[1].emailVerified).toBe(false);
  });
});
