// The sample as it must behave in production: no session row per anonymous page view, event
// payloads without secrets, password logins that neither leak which emails exist nor allow
// unbounded guessing, and clear 4xx answers.
import { EventEmitter2 } from '@nestjs/event-emitter';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PasswordHasher } from '../apps/sample/src/users/password-hasher.js';
import { TestBrowser } from './support/browser.js';
import { answerConsent } from './support/consent.js';
import {
  type RunningSampleForTest,
  csrfToken,
  readPage,
  startSampleForTest,
  submit,
} from './support/sample-app.js';

let sample: RunningSampleForTest;
beforeAll(async () => {
  // Behind one proxy, so each test can come from an address of its own (X-Forwarded-For).
  sample = await startSampleForTest({ trustProxy: 1 });
});
afterAll(async () => {
  await sample?.close();
});

let address = 0;
/** Headers of a client with an address no other test uses. */
const fromNewAddress = () => ({ 'x-forwarded-for': `203.0.113.${++address}` });

async function sessionRows(): Promise<number> {
  const [{ count }] = await sample.dataSource.query('SELECT COUNT(*) AS count FROM sample_session');
  return Number(count);
}

describe('the sample in production', () => {
  it('stores no session for anonymous page views: 200 cookieless GETs, no new row', async () => {
    const before = await sessionRows();
    for (let i = 0; i < 200; i++) {
      const path = ['/login', '/profile', '/', '/register'][i % 4]!;
      const response = await fetch(`${sample.appUrl}${path}`, { redirect: 'manual' });
      expect(response.status).toBeLessThan(400);
    }
    expect(await sessionRows()).toBe(before);
    // The anonymous forms still work: their token is signed against a cookie, not a session.
    const browser = new TestBrowser();
    const page = await submit(browser, sample.appUrl, '/register', {
      email: 'anon-then-registered@example.com',
      password: 'long enough',
    });
    expect(readPage(page.text).title).toBe('Hello anon-then-registered@example.com');
  });

  it("refuses an anonymous form whose token is not the cookie's (403, nothing created)", async () => {
    const browser = new TestBrowser();
    await csrfToken(browser, sample.appUrl);
    const forged = await browser.post(
      `${sample.appUrl}/register`,
      { email: 'forged@example.com', password: 'long enough', _csrf: 'x'.repeat(43) },
      { follow: false },
    );
    expect(forged.status).toBe(403);
    const [{ count }] = await sample.dataSource.query(
      `SELECT COUNT(*) AS count FROM sample_user WHERE email = 'forged@example.com'`,
    );
    expect(Number(count)).toBe(0);
  });

  it('carries the user without secrets in event payloads (no password hash)', async () => {
    const payloads: unknown[] = [];
    sample.app.get(EventEmitter2).onAny((_name, payload) => payloads.push(payload));
    const browser = new TestBrowser();
    await submit(browser, sample.appUrl, '/register', {
      email: 'events@example.com',
      password: 'long enough',
    });
    const consent = await submit(browser, sample.appUrl, '/connect/google', { next: '/profile' });
    await answerConsent(browser, consent, 'allow', 'carol');
    const created = payloads.find((p) => (p as { connection?: unknown }).connection) as {
      user: Record<string, unknown>;
    };
    expect(Object.keys(created.user).sort()).toEqual(['createdAt', 'email', 'id']);
    expect(JSON.stringify(payloads)).not.toMatch(/passwordHash|\$argon2/);
  });

  it('checks an unknown email against a password hash all the same (no timing difference to find)', async () => {
    const verify = vi.spyOn(sample.app.get(PasswordHasher), 'verify');
    try {
      const browser = new TestBrowser();
      const token = await csrfToken(browser, sample.appUrl);
      await browser.post(
        `${sample.appUrl}/login`,
        { email: 'nobody@example.com', password: 'some password', _csrf: token },
        { headers: fromNewAddress(), follow: false },
      );
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify.mock.calls[0]![1]).toMatch(/^\$argon2id\$/);
    } finally {
      verify.mockRestore();
    }
  });

  async function attempt(email: string, headers: Record<string, string>) {
    const browser = new TestBrowser();
    const token = await csrfToken(browser, sample.appUrl);
    const page = await browser.post(
      `${sample.appUrl}/login`,
      { email, password: 'wrong password', _csrf: token },
      { headers, follow: false },
    );
    return page.status;
  }

  it('rate-limits password logins per address: the 21st attempt in a minute is 429', async () => {
    const headers = fromNewAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push(await attempt(`guess-${i}@example.com`, headers));
    expect(statuses.slice(0, 20).every((s) => s === 303)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('rate-limits password logins per account, whatever the address: the 11th is 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(await attempt('target@example.com', fromNewAddress()));
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('answers a status post to Google, which has none, with a 400 (not a 500)', async () => {
    const browser = new TestBrowser();
    await submit(browser, sample.appUrl, '/register', {
      email: 'status@example.com',
      password: 'long enough',
    });
    const consent = await submit(browser, sample.appUrl, '/connect/google', { next: '/profile' });
    await answerConsent(browser, consent, 'allow', 'bob');
    const page = await submit(
      browser,
      sample.appUrl,
      '/status/google',
      { status: 'hello' },
      { follow: false },
    );
    expect(page.status).toBe(400);
    expect(page.text).toContain('There is no status to post to on google');
  });
});
