// SECURITY.md H: leakage and transport, each item by its number.
import { hostImports } from '../fixtures/host-imports.js';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  SocialModule,
  type SocialModuleOptions,
  SocialOptionsError,
  SocialService,
} from 'nestjs-social';
import { type SandboxProviderId, sandboxEndpoints } from '../../apps/provider-sandbox/src/index.js';
import { PROVIDER_IDS, testCredentials } from '../fixtures/social-test-app.js';
import { TestUsers } from '../fixtures/test-users.js';
import { type Page, TestBrowser } from '../support/browser.js';
import { CapturingLogger, text } from '../support/capturing-logger.js';
import { consentCallbackUrl } from '../support/consent.js';
import { Flows, JSON_ACCEPT, pageState } from '../support/flows.js';
import { useSandboxApp } from '../support/sandbox-app.js';

const logger = new CapturingLogger();
/** What reached the console directly (a library that bypasses Nest's logger). */
const consoleLines: string[] = [];
const env = useSandboxApp({ logger });

beforeAll(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map(text).join(' '));
    });
  }
});

afterAll(() => {
  vi.restoreAllMocks();
});

/** Starts a round trip and answers consent; returns the callback URL (not yet visited). */
async function callbackUrl(
  browser: TestBrowser,
  provider: SandboxProviderId,
  flow: 'login' | 'connect',
  decision: 'allow' | 'deny' = 'allow',
) {
  const consent = await browser.post(`${env.app.url}/${flow}/${provider}`);
  return consentCallbackUrl(browser, consent, decision, 'alice');
}

/** A browser with u1 logged in on the test app. */
async function asU1() {
  const browser = new TestBrowser();
  await new Flows(env.app, browser, 'google').logInAs('u1');
  return browser;
}

/** The callback URL with its state (OAuth 2) or request token (Twitter) replaced. */
function forged(url: string): string {
  const forgedUrl = new URL(url);
  for (const name of ['state', 'oauth_token']) {
    if (forgedUrl.searchParams.has(name)) forgedUrl.searchParams.set(name, 'F'.repeat(43));
  }
  return forgedUrl.toString();
}

describe('H. Leakage and transport', () => {
  it.each(PROVIDER_IDS)(
    '#56 %s: success and error callbacks → 302 with Cache-Control: no-store and Referrer-Policy: no-referrer, a clean Location, no third-party content',
    async (provider) => {
      const u1 = await asU1();
      const anonymous = new TestBrowser();
      const callbacks: [string, TestBrowser, string][] = [];
      callbacks.push(['connect allowed', u1, await callbackUrl(u1, provider, 'connect')]);
      callbacks.push(['connect denied', u1, await callbackUrl(u1, provider, 'connect', 'deny')]);
      callbacks.push(['login allowed', anonymous, await callbackUrl(anonymous, provider, 'login')]);
      const toForge = await callbackUrl(new TestBrowser(), provider, 'login');
      callbacks.push(['login, forged state', new TestBrowser(), forged(toForge)]);
      callbacks.push(['login, from another browser', new TestBrowser(), toForge]);

      const statuses: string[] = [];
      for (const [what, browser, url] of callbacks) {
        expect(url, what).toMatch(/[?&](code|oauth_verifier|denied|error)=/);
        const page = await browser.get(url, { follow: false });
        expect(page.status, what).toBe(302);
        expect(page.headers.get('cache-control'), what).toContain('no-store');
        expect(page.headers.get('referrer-policy'), what).toBe('no-referrer');
        const location = page.headers.get('location')!;
        expect(location, what).toMatch(/^\/[a-z-]*$/);
        expect(location, what).not.toMatch(/code=|state=|oauth_verifier=|oauth_token=/);
        expect(page.text, what).not.toMatch(/<(script|img|iframe|link|object|embed)\b/i);
        statuses.push(`${what}: ${location}`);
      }
      // Success and failure both went through the callback (not a shortcut).
      expect(statuses).toEqual([
        'connect allowed: /connected',
        'connect denied: /denied',
        'login allowed: /after-login',
        'login, forged state: /login',
        'login, from another browser: /login',
      ]);
    },
  );

  it.each(PROVIDER_IDS)(
    '#57 %s: no code, state, verifier, token, token secret or client secret in any log line or response body (success, deny, forged state, token endpoint 500, malformed profile, invalid_grant)',
    async (provider) => {
      const social = env.app.app.get(SocialService);
      const secrets = new Set<string>();
      const bodies: string[] = [];
      const credentials = testCredentials(provider);
      secrets.add((credentials.clientSecret ?? credentials.consumerSecret)!);

      /** Every query value a secret may travel in, from each URL the browser went through. */
      const collectUrls = (urls: string[]) => {
        for (const url of urls) {
          for (const [name, value] of new URL(url).searchParams) {
            if (/^(code|state|oauth_token|oauth_verifier|denied)$/.test(name)) secrets.add(value);
          }
        }
      };
      const collectTokens = async () => {
        const connection = await social.provider(provider).getConnection('u1');
        expect(connection?.accessToken).toBeTruthy();
        for (const value of [
          connection!.accessToken,
          connection!.secret,
          connection!.refreshToken,
        ]) {
          if (value) secrets.add(value);
        }
      };
      /** One round trip, every answer of the app kept (redirects not followed blindly). */
      const roundTrip = async (
        browser: TestBrowser,
        flow: 'login' | 'connect',
        options: { decision?: 'allow' | 'deny'; tamper?: boolean; json?: boolean } = {},
      ) => {
        const start = await browser.post(
          `${env.app.url}/${flow}/${provider}`,
          {},
          {
            follow: false,
          },
        );
        // Not scanned: a start is the 302 that carries its own state to the provider, and
        // express echoes that Location in the body.
        expect(start.status).toBe(302);
        const consent = await browser.get(start.headers.get('location')!);
        const callback = await consentCallbackUrl(browser, consent, options.decision ?? 'allow');
        collectUrls([...consent.history, callback]);
        const answer = await browser.get(options.tamper ? forged(callback) : callback, {
          follow: false,
          headers: options.json ? JSON_ACCEPT : undefined,
        });
        bodies.push(answer.text);
        let last: Page = answer;
        if (answer.status === 302) {
          last = await browser.get(new URL(answer.headers.get('location')!, env.app.url).href);
          bodies.push(last.text);
        }
        return last;
      };

      const u1 = await asU1();
      expect(pageState(await roundTrip(u1, 'connect')).path).toBe('/connected');
      await collectTokens();
      const login = JSON.parse((await roundTrip(new TestBrowser(), 'login', { json: true })).text);
      expect(login).toMatchObject({ ok: true, userId: 'u1' });
      await collectTokens();
      expect(pageState(await roundTrip(u1, 'connect', { decision: 'deny' })).path).toBe('/denied');
      const forgedAnswer = await roundTrip(new TestBrowser(), 'login', {
        tamper: true,
        json: true,
      });
      expect(JSON.parse(forgedAnswer.text).code).toBe('OAUTH_STATE_INVALID');

      const faults = [
        [{ endpoint: 'token', kind: 'status', status: 500 }, 'OAUTH_PROVIDER_ERROR'],
        [{ endpoint: 'profile', kind: 'malformed' }, 'OAUTH_PROVIDER_ERROR'],
        [{ endpoint: 'token', kind: 'invalid_grant' }, null],
      ] as const;
      for (const [fault, code] of faults) {
        env.sandbox.setFault({ provider, ...fault });
        const answer = JSON.parse((await roundTrip(u1, 'connect', { json: true })).text);
        expect(answer.ok, JSON.stringify(fault)).toBe(false);
        if (code) expect(answer.code).toBe(code);
        env.sandbox.clearFaults();
      }

      // The failures were logged, through the captured logger: the check below is not vacuous.
      expect(logger.lines.some((line) => line.includes(`${provider}: callback failed`))).toBe(true);
      expect(secrets.size).toBeGreaterThan(8);
      const seen = [...logger.lines, ...consoleLines, ...bodies];
      for (const secret of secrets) {
        expect(secret.length, 'a secret too short to search for').toBeGreaterThanOrEqual(8);
        const leaks = seen.filter((line) => line.includes(secret));
        expect(leaks, `secret ${secret.slice(0, 6)}… appears`).toEqual([]);
      }
    },
  );

  describe('#58 TLS only in production (booted through Nest, NODE_ENV and the rest set in process.env)', () => {
    const https = {
      appUrl: 'https://app.example',
      users: TestUsers,
      tokenEncryptionKeys: false,
      providers: { google: { clientId: 'id', clientSecret: 'secret' } },
    } satisfies SocialModuleOptions;

    /** Boots an app context with these options under these environment variables; its error, or null. */
    async function boot(options: SocialModuleOptions, vars: Record<string, string>) {
      const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
      Object.assign(process.env, vars);
      try {
        @Module({
          imports: hostImports(':memory:', SocialModule.forRoot(options)),
          providers: [TestUsers],
        })
        class BootModule {}
        const app = await NestFactory.createApplicationContext(BootModule, { abortOnError: false });
        await app.close();
        return null;
      } catch (error) {
        return error;
      } finally {
        for (const [key, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
      }
    }

    it('#58 production with an http appUrl → SocialOptionsError at boot', async () => {
      const error = await boot(
        { ...https, appUrl: 'http://app.example' },
        { NODE_ENV: 'production' },
      );
      expect(error).toBeInstanceOf(SocialOptionsError);
      expect((error as Error).message).toMatch(/appUrl must be https/);
    });

    it('#58 production with an http provider endpoint → SocialOptionsError at boot', async () => {
      const error = await boot(
        {
          ...https,
          providers: {
            google: {
              clientId: 'id',
              clientSecret: 'secret',
              tokenURL: 'http://idp.example/token',
            },
          },
        },
        { NODE_ENV: 'production' },
      );
      expect(error).toBeInstanceOf(SocialOptionsError);
      expect((error as Error).message).toMatch(/providers\.google\.tokenURL must be https/);
    });

    it('#58 production with NODE_TLS_REJECT_UNAUTHORIZED=0 → SocialOptionsError at boot', async () => {
      const error = await boot(https, {
        NODE_ENV: 'production',
        NODE_TLS_REJECT_UNAUTHORIZED: '0',
      });
      expect(error).toBeInstanceOf(SocialOptionsError);
      expect((error as Error).message).toMatch(/NODE_TLS_REJECT_UNAUTHORIZED/);
    });

    it('#58 allowInsecureHttp: production over http boots on loopback only, and the refusal names the option', async () => {
      const loopback = {
        ...https,
        appUrl: 'http://127.0.0.1:3000',
        providers: {
          google: {
            clientId: 'id',
            clientSecret: 'secret',
            tokenURL: 'http://localhost:4000/token',
          },
        },
      };
      const refused = await boot(loopback, { NODE_ENV: 'production' });
      expect((refused as Error).message).toMatch(
        /appUrl must be https:\/\/ in production .*got http:\/\/127\.0\.0\.1:3000 \(for a production build on loopback only, tests and benchmarks: allowInsecureHttp: true\)/,
      );
      expect(
        await boot({ ...loopback, allowInsecureHttp: true }, { NODE_ENV: 'production' }),
      ).toBeNull();
      const elsewhere = await boot(
        { ...loopback, appUrl: 'http://app.example', allowInsecureHttp: true },
        { NODE_ENV: 'production' },
      );
      expect((elsewhere as Error).message).toMatch(
        /appUrl must be https:\/\/ .*allowInsecureHttp lets http through to localhost\/127\.0\.0\.1\/\[::1\] only/,
      );
      const endpoint = await boot(
        {
          ...loopback,
          allowInsecureHttp: true,
          providers: {
            google: {
              clientId: 'id',
              clientSecret: 'secret',
              tokenURL: 'http://idp.example/token',
            },
          },
        },
        { NODE_ENV: 'production' },
      );
      expect((endpoint as Error).message).toMatch(/providers\.google\.tokenURL must be https/);
      // Certificate checks stay on, opt-in or not.
      const tls = await boot(
        { ...loopback, allowInsecureHttp: true },
        { NODE_ENV: 'production', NODE_TLS_REJECT_UNAUTHORIZED: '0' },
      );
      expect((tls as Error).message).toMatch(/NODE_TLS_REJECT_UNAUTHORIZED/);
    });

    it('#58 control: production over https boots, and so does http outside production', async () => {
      expect(await boot(https, { NODE_ENV: 'production' })).toBeNull();
      expect(
        await boot({ ...https, appUrl: 'http://localhost:3000' }, { NODE_ENV: 'development' }),
      ).toBeNull();
    });
  });

  it('#59 the sandbox refuses an access token in the query (Google 400 invalid_request, Facebook 400 OAuthException), and takes it in the header', async () => {
    const social = env.app.app.get(SocialService);
    const u1 = new Flows(env.app, await asU1(), 'google');
    expect(pageState(await u1.connect()).path).toBe('/connected');
    expect(pageState(await new Flows(env.app, u1.browser, 'facebook').connect()).path).toBe(
      '/connected',
    );
    const endpoints = sandboxEndpoints(env.sandbox.url);

    const google = (await social.google.getConnection('u1'))!.accessToken;
    const inQuery = await fetch(
      `${endpoints.google.userProfileURL}?access_token=${encodeURIComponent(google)}`,
    );
    expect(inQuery.status).toBe(400);
    expect(await inQuery.json()).toMatchObject({ error: 'invalid_request' });
    const inHeader = await fetch(endpoints.google.userProfileURL, {
      headers: { authorization: `Bearer ${google}` },
    });
    expect(inHeader.status).toBe(200);

    const facebook = (await social.facebook.getConnection('u1'))!.accessToken;
    const fbQuery = await fetch(
      `${endpoints.facebook.userProfileURL}?access_token=${encodeURIComponent(facebook)}`,
    );
    expect(fbQuery.status).toBe(400);
    const fbError = ((await fbQuery.json()) as { error: { type: string; message: string } }).error;
    expect(fbError.type).toBe('OAuthException');
    expect(fbError.message).toMatch(/^invalid_request/);
    const fbHeader = await fetch(endpoints.facebook.userProfileURL, {
      headers: { authorization: `Bearer ${facebook}` },
    });
    expect(fbHeader.status).toBe(200);
  });

  it.each(PROVIDER_IDS)(
    '#59 %s: a full login through the module succeeds against that strict sandbox',
    async (provider) => {
      const connect = new Flows(env.app, await asU1(), provider);
      expect(pageState(await connect.connect()).path).toBe('/connected');
      env.sandbox.resetCalls();
      const login = new Flows(env.app, new TestBrowser(), provider);
      const page = pageState(await login.login());
      expect(page).toMatchObject({ path: '/after-login', userId: 'u1' });
      expect(env.sandbox.calls(provider, 'profile')).toBe(1);
    },
  );
});
