import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningSandbox,
  SANDBOX_DEFAULT_CLIENTS,
  startSandbox,
} from '../apps/provider-sandbox/src/index.js';
import { createSampleApp } from '../apps/sample/src/create-app.js';
import { TestBrowser } from './support/browser.js';
import { answerConsent } from './support/consent.js';
import { freePort } from './support/free-port.js';

let sandbox: RunningSandbox;
let app: INestApplication;
let appUrl: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nestjs-social-sample-'));
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  sandbox = await startSandbox({ logger: false, clients: SANDBOX_DEFAULT_CLIENTS(appUrl) });
  app = await createSampleApp(
    {
      port,
      appUrl,
      databaseUrl: `sqlite:${join(dir, 'sample.sqlite')}`,
      sessionSecret: 'sample-test-secret',
      sandboxUrl: sandbox.url,
      env: {},
    },
    false,
  );
  await app.listen(port, '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The flash messages and heading of a sample page. */
function read(html: string) {
  return {
    title: /<h1>([^<]*)<\/h1>/.exec(html)?.[1],
    flashes: [...html.matchAll(/<li class="flash[^"]*" role="status">([^<]*)<\/li>/g)].map(
      (m) => m[1],
    ),
  };
}

describe('the sample app on the sandbox providers (no credentials)', () => {
  const browser = new TestBrowser();

  it('shows one "Log in with <Name>" form per provider on /login', async () => {
    const page = await browser.get(`${appUrl}/login`);
    for (const id of ['twitter', 'facebook', 'google', 'foursquare']) {
      expect(page.text).toContain(`<form method="post" action="/login/${id}">`);
    }
    expect(page.text).toContain('Log in with foursquare');
    expect(page.text).toContain('<label for="email">Email</label>');
  });

  it('registers, connects each provider, logs out and back in through one, disconnects', async () => {
    const registered = await browser.post(`${appUrl}/register`, {
      email: 'ada@example.com',
      password: 'correct horse',
    });
    expect(read(registered.text).title).toBe('Hello ada@example.com');

    for (const [id, name] of [
      ['twitter', 'Twitter'],
      ['facebook', 'Facebook'],
      ['google', 'Google'],
      ['foursquare', 'foursquare'],
    ] as const) {
      const consent = await browser.post(`${appUrl}/connect/${id}`, { next: '/profile' });
      const profile = await answerConsent(browser, consent, 'allow', 'alice');
      expect(read(profile.text).flashes).toEqual([`Connection established to ${name}`]);
      expect(profile.text).toContain(`Disconnect ${name}`);
    }

    await browser.post(`${appUrl}/logout`);
    const consent = await browser.post(`${appUrl}/login/google`);
    const loggedIn = await answerConsent(browser, consent, 'allow', 'alice');
    expect(read(loggedIn.text).title).toBe('Hello ada@example.com');

    const disconnected = await browser.post(`${appUrl}/connect/google`, {
      _method: 'DELETE',
      next: '/profile',
    });
    expect(read(disconnected.text).flashes).toEqual(['All connections to Google removed']);
    expect(disconnected.text).toContain('Connect Google');
  });

  it("refuses a provider login with no connection, with Flask-Social's message", async () => {
    await browser.post(`${appUrl}/logout`);
    const consent = await browser.post(`${appUrl}/login/twitter`);
    const page = await answerConsent(browser, consent, 'allow', 'bob');
    expect(page.url).toBe(`${appUrl}/login`);
    expect(read(page.text).flashes).toEqual([
      'Twitter account not associated with an existing user',
    ]);
  });
});

describe('the sample app on another host name than APP_URL', () => {
  it('sends the browser to APP_URL, where the OAuth callbacks come back', async () => {
    const other = appUrl.replace('127.0.0.1', 'localhost');
    const page = await new TestBrowser().get(`${other}/login?next=%2Fprofile`, { follow: false });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe(`${appUrl}/login?next=%2Fprofile`);
  });
});
