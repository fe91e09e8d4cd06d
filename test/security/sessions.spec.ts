// SECURITY.md F: sessions and cookies, each item by its number, against the sample app (the
// host app owns the session; the module only asks it to log users in and out).
//
// #48's negative control ("with SameSite=Strict the provider callback fails with 403") cannot be
// shown here: the sample and the provider sandbox both listen on 127.0.0.1 (on other ports), and
// a site is scheme + registrable domain, ports not counted, so the sandbox's redirect back to the
// app is a same-site navigation that carries even a Strict cookie. It takes a provider on another
// site (accounts.google.com → app.example) to see the callback lose the session. The test
// browser does not apply SameSite at all either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleConfig } from '../../apps/sample/src/config/sample-config.js';
import { TestBrowser } from '../support/browser.js';
import { answerConsent, consentCallbackUrl } from '../support/consent.js';
import {
  type RunningSampleForTest,
  csrfToken,
  readPage,
  startSampleForTest,
  submit,
} from '../support/sample-app.js';

const SID = 'sample.sid';
const JSON_ACCEPT = { accept: 'application/json' };
const ADA = { email: 'ada@example.com', password: 'correct horse' };

let sample: RunningSampleForTest;
let appUrl: string;

beforeAll(async () => {
  sample = await startSampleForTest();
  appUrl = sample.appUrl;
  // Ada has a password and her Google account (the sandbox's alice) connected.
  const browser = new TestBrowser();
  await submit(browser, appUrl, '/register', ADA);
  const consent = await submit(browser, appUrl, '/connect/google', { next: '/profile' });
  const profile = await answerConsent(browser, consent, 'allow', 'alice');
  expect(readPage(profile.text).flashes).toEqual(['Connection established to Google']);
});

afterAll(async () => {
  await sample?.close();
});

/** The session cookie the browser holds for the sample. */
function sid(browser: TestBrowser): string {
  const value = browser.cookies(appUrl).get(SID);
  if (!value) throw new Error('The browser holds no session cookie');
  return value;
}

/** The session cookie a response sets, if any. */
function setSid(headers: Headers): string | undefined {
  const line = headers.getSetCookie().find((c) => c.startsWith(`${SID}=`));
  return line?.slice(SID.length + 1).split(';')[0];
}

/** Who the module sees with only this session cookie: GET /connections as JSON. */
async function withCookie(value: string) {
  const response = await fetch(`${appUrl}/connections`, {
    headers: { ...JSON_ACCEPT, cookie: `${SID}=${value}` },
  });
  const body = (await response.json()) as { code?: string };
  return { status: response.status, code: body.code };
}

/** Logs Ada in with her password in a new browser; returns the browser. */
async function passwordLogin(browser = new TestBrowser()) {
  const page = await submit(browser, appUrl, '/login', ADA);
  expect(readPage(page.text).title).toBe(`Hello ${ADA.email}`);
  return browser;
}

describe('F. Sessions and cookies', () => {
  it('#47 provider login: the session id that started it is replaced, and the old one is not logged in', async () => {
    const browser = new TestBrowser();
    const token = await csrfToken(browser, appUrl);
    const start = await browser.post(`${appUrl}/login/google`, { _csrf: token }, { follow: false });
    expect(start.status).toBe(302);
    // The session holding the pending round trip.
    const preLogin = sid(browser);
    const consent = await browser.get(start.headers.get('location')!);
    const callback = await browser.get(await consentCallbackUrl(browser, consent), {
      follow: false,
    });
    expect(callback.status).toBe(302);
    const postLogin = setSid(callback.headers);
    expect(postLogin).toBeDefined();
    expect(postLogin).not.toBe(preLogin);
    expect(readPage((await browser.get(`${appUrl}/profile`)).text).title).toBe(
      `Hello ${ADA.email}`,
    );
    expect(await withCookie(preLogin)).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
    expect((await withCookie(postLogin!)).status).toBe(200);
  });

  it('#47 password login: the pre-login session id is replaced, and the old one is not logged in', async () => {
    const browser = new TestBrowser();
    // A wrong password first: its flash message makes the pre-login session.
    await submit(browser, appUrl, '/login', { ...ADA, password: 'not the password' });
    const preLogin = sid(browser);
    const token = await csrfToken(browser, appUrl);
    const login = await browser.post(
      `${appUrl}/login`,
      { ...ADA, _csrf: token },
      { follow: false },
    );
    expect(login.status).toBe(303);
    const postLogin = setSid(login.headers);
    expect(postLogin).toBeDefined();
    expect(postLogin).not.toBe(preLogin);
    expect(await withCookie(preLogin)).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
    expect((await withCookie(postLogin!)).status).toBe(200);
  });

  it('#48 over plain http (local development): sample.sid and sample.csrf; Path=/; HttpOnly; SameSite=Lax, no Secure, no Domain', async () => {
    const browser = new TestBrowser();
    const page = await browser.get(`${appUrl}/login`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const registered = await browser.post(
      `${appUrl}/register`,
      { email: 'lovelace@example.com', password: 'long enough', _csrf: token },
      { follow: false },
    );
    for (const [lines, name] of [
      [page.headers.getSetCookie(), 'sample.csrf'],
      [registered.headers.getSetCookie(), 'sample.sid'],
    ] as const) {
      const cookie = parseSetCookie(lines);
      expect(cookie.name).toBe(name);
      expect(cookie.attributes).toEqual(
        expect.arrayContaining(['path=/', 'httponly', 'samesite=lax']),
      );
      expect(cookie.attributes).not.toContain('secure');
      expect(cookie.attributes.some((a) => a.startsWith('domain'))).toBe(false);
    }
  });

  it('#48 an https APP_URL without TRUST_PROXY, or TRUST_PROXY=true, stops the sample at boot', () => {
    const base = { SESSION_SECRET: 's', SOCIAL_TOKEN_KEYS: `k1:${'A'.repeat(43)}=` };
    expect(() => loadSampleConfig({ ...base, APP_URL: 'https://app.example' })).toThrow(
      /TRUST_PROXY/,
    );
    expect(() =>
      loadSampleConfig({ ...base, APP_URL: 'https://app.example', TRUST_PROXY: 'true' }),
    ).toThrow(/TRUST_PROXY must be the number of reverse proxies/);
    expect(
      loadSampleConfig({ ...base, APP_URL: 'https://app.example', TRUST_PROXY: '1' }).trustProxy,
    ).toBe(1);
  });

  it('#49 logout: the old session id is no longer logged in', async () => {
    const browser = await passwordLogin();
    const before = sid(browser);
    expect((await withCookie(before)).status).toBe(200);
    const out = await submit(browser, appUrl, '/logout', {}, { follow: false });
    expect(out.status).toBe(303);
    expect(sid(browser)).not.toBe(before);
    expect(await withCookie(before)).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
    const profile = await fetch(`${appUrl}/profile`, {
      headers: { cookie: `${SID}=${before}` },
      redirect: 'manual',
    });
    expect(profile.status).toBe(302);
    expect(profile.headers.get('location')).toBe('/login?next=%2Fprofile');
  });

  it('#49 a provider login started before logout cannot be completed after it (403, no token exchange)', async () => {
    const browser = new TestBrowser();
    const consent = await submit(browser, appUrl, '/login/google');
    const callback = await consentCallbackUrl(browser, consent);
    const before = sid(browser);
    await submit(browser, appUrl, '/logout');
    sample.sandbox.resetCalls();

    const withNewSession = await browser.get(callback, { headers: JSON_ACCEPT, follow: false });
    expect(withNewSession.status).toBe(403);
    expect(JSON.parse(withNewSession.text).code).toBe('OAUTH_STATE_INVALID');
    const withOldSession = await fetch(callback, {
      headers: { ...JSON_ACCEPT, cookie: `${SID}=${before}` },
      redirect: 'manual',
    });
    expect(withOldSession.status).toBe(403);
    expect(((await withOldSession.json()) as { code: string }).code).toBe('OAUTH_STATE_INVALID');
    expect(sample.sandbox.calls('google', 'token')).toBe(0);
    expect((await withCookie(sid(browser))).status).toBe(401);
  });

  it('#49 a connect started before logout cannot be completed after logging back in (403, no row)', async () => {
    const browser = await passwordLogin();
    const consent = await submit(browser, appUrl, '/connect/facebook', { next: '/profile' });
    const callback = await consentCallbackUrl(browser, consent);
    await submit(browser, appUrl, '/logout');
    await passwordLogin(browser);

    const page = await browser.get(callback, { headers: JSON_ACCEPT, follow: false });
    expect(page.status).toBe(403);
    expect(JSON.parse(page.text).code).toBe('OAUTH_STATE_INVALID');
    const rows: unknown[] = await sample.dataSource.query(
      `SELECT id FROM social_connection WHERE "providerId" = 'facebook'`,
    );
    expect(rows).toEqual([]);
  });

  it('#50 the session id is accepted only from the cookie: /profile?sample.sid=<valid> without it → not logged in', async () => {
    const browser = await passwordLogin();
    const valid = sid(browser);
    const unsigned = /^s%3A([^.]+)\./.exec(valid)?.[1];
    expect(unsigned).toBeDefined();
    for (const query of [`${SID}=${valid}`, `${SID}=${unsigned}`, `sid=${unsigned}`]) {
      const profile = await fetch(`${appUrl}/profile?${query}`, { redirect: 'manual' });
      expect(profile.status, query).toBe(302);
      expect(profile.headers.get('location'), query).toBe('/login?next=%2Fprofile');
      const connections = await fetch(`${appUrl}/connections?${query}`, { headers: JSON_ACCEPT });
      expect(connections.status, query).toBe(401);
    }
    // The same id as the cookie is logged in.
    const profile = await fetch(`${appUrl}/profile`, { headers: { cookie: `${SID}=${valid}` } });
    expect(readPage(await profile.text()).title).toBe(`Hello ${ADA.email}`);
  });
});

describe('F. Sessions and cookies behind a TLS proxy (https APP_URL, TRUST_PROXY=1)', () => {
  let secure: RunningSampleForTest;
  const HOST_SID = '__Host-sample.sid';
  const viaProxy = { 'x-forwarded-proto': 'https' };

  beforeAll(async () => {
    secure = await startSampleForTest({ https: true, trustProxy: 1 });
  });

  afterAll(async () => {
    await secure?.close();
  });

  /** The flags a `__Host-` cookie must carry. */
  function expectHostCookie(setCookies: string[], name = HOST_SID) {
    const cookie = parseSetCookie(setCookies);
    expect(cookie.name).toBe(name);
    expect(cookie.attributes).toEqual(
      expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=lax']),
    );
    expect(cookie.attributes).not.toContain('samesite=strict');
    expect(cookie.attributes.some((a) => a.startsWith('domain'))).toBe(false);
  }

  it('#48 the cookies are __Host-sample.sid and __Host-sample.csrf; Path=/; HttpOnly; Secure; SameSite=Lax, no Domain', async () => {
    const browser = new TestBrowser();
    const url = secure.serverUrl;
    const page = await browser.get(`${url}/login`, { headers: viaProxy });
    expect(page.status).toBe(200);
    expectHostCookie(page.headers.getSetCookie(), '__Host-sample.csrf');

    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const registered = await browser.post(
      `${url}/register`,
      { email: 'grace@example.com', password: 'long enough', _csrf: token },
      { headers: viaProxy, follow: false },
    );
    expect(registered.status).toBe(303);
    expectHostCookie(registered.headers.getSetCookie());
  });

  it('#48 the Secure cookie is never set on a request that did not come over https', async () => {
    const page = await new TestBrowser().get(`${secure.serverUrl}/login`);
    expect(page.status).toBe(200);
    expect(page.headers.getSetCookie()).toEqual([]);
  });
});

/** The one Set-Cookie line of a response: its name and lower-cased attributes. */
function parseSetCookie(lines: string[]) {
  expect(lines).toHaveLength(1);
  const [pair, ...attributes] = lines[0]!.split(';').map((part) => part.trim());
  return {
    name: pair!.slice(0, pair!.indexOf('=')),
    attributes: attributes.map((a) => a.toLowerCase()),
  };
}
