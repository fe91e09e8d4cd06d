import { describe, expect, it } from 'vitest';
import { TestBrowser } from './support/browser.js';
import { answerConsent } from './support/consent.js';
import { readPage as read, useSampleForTest, submit as submitForm } from './support/sample-app.js';

const running = useSampleForTest();

/** Posts a form of the sample, with the CSRF token of the browser's session (as a page would). */
function submit(browser: TestBrowser, path: string, form: Record<string, string> = {}) {
  return submitForm(browser, running.appUrl, path, form);
}

describe('the sample app on the sandbox providers (no credentials)', () => {
  const browser = new TestBrowser();

  it('shows one "Log in with <Name>" form per provider on /login', async () => {
    const page = await browser.get(`${running.appUrl}/login`);
    for (const id of ['twitter', 'facebook', 'google', 'foursquare', 'oidc']) {
      expect(page.text).toContain(`<form method="post" action="/login/${id}">`);
    }
    expect(page.text).toContain('Log in with foursquare');
    // The extra OpenID Connect provider, on the sandbox's issuer when SOCIAL_OIDC_ISSUER is unset.
    expect(page.text).toContain('Log in with OpenID Connect');
    expect(page.text).toContain('<label for="email">Email</label>');
  });

  it('registers, connects each provider, logs out and back in through one, disconnects', async () => {
    const registered = await submit(browser, `/register`, {
      email: 'ada@example.com',
      password: 'correct horse',
    });
    expect(read(registered.text).title).toBe('Hello ada@example.com');

    for (const [id, name] of [
      ['twitter', 'Twitter'],
      ['facebook', 'Facebook'],
      ['google', 'Google'],
      ['foursquare', 'foursquare'],
      ['oidc', 'OpenID Connect'],
    ] as const) {
      const consent = await submit(browser, `/connect/${id}`, { next: '/profile' });
      const profile = await answerConsent(browser, consent, 'allow', 'alice');
      expect(read(profile.text).flashes).toEqual([`Connection established to ${name}`]);
      expect(profile.text).toContain(`Disconnect ${name}`);
    }

    await submit(browser, `/logout`);
    const consent = await submit(browser, `/login/google`);
    const loggedIn = await answerConsent(browser, consent, 'allow', 'alice');
    expect(read(loggedIn.text).title).toBe('Hello ada@example.com');

    const disconnected = await submit(browser, `/connect/google`, {
      _method: 'DELETE',
      next: '/profile',
    });
    expect(read(disconnected.text).flashes).toEqual(['All connections to Google removed']);
    expect(disconnected.text).toContain('Connect Google');
  });

  it("offers sign-up for a provider login with no account, with Flask-Social's message", async () => {
    await submit(browser, `/logout`);
    const consent = await submit(browser, `/login/twitter`);
    const page = await answerConsent(browser, consent, 'allow', 'bob');
    expect(page.url).toBe(`${running.appUrl}/register/provider`);
    expect(read(page.text).flashes).toEqual([
      'Twitter account not associated with an existing user',
    ]);
    expect(page.text).toContain('Create an account with this Twitter profile');
    expect(page.text).toContain('value="bob@example.net"');

    const created = await submit(browser, '/register/provider', { email: 'bob@example.net' });
    expect(read(created.text).title).toBe('Hello bob@example.net');
    expect(created.text).toContain('@bob_sandbox');
  });

  it('refuses sign-up with an email that already has an account (no linking by email)', async () => {
    const other = new TestBrowser();
    const consent = await submit(other, `/login/google`);
    const page = await answerConsent(other, consent, 'allow', 'carol');
    expect(page.url).toBe(`${running.appUrl}/register/provider`);
    const refused = await submit(other, '/register/provider', { email: 'ada@example.com' });
    expect(refused.url).toBe(`${running.appUrl}/register/provider`);
    expect(read(refused.text).flashes[0]).toMatch(/already has an account/);
  });

  it('refuses a form posted without the CSRF token, changing nothing', async () => {
    const other = new TestBrowser();
    await other.get(`${running.appUrl}/login`);
    const page = await other.post(`${running.appUrl}/register`, {
      email: 'eve@example.com',
      password: 'long enough',
    });
    expect(page.status).toBe(403);
    const login = await submit(other, '/login', {
      email: 'eve@example.com',
      password: 'long enough',
    });
    expect(read(login.text).flashes).toEqual(['Invalid email or password']);
  });
});

describe('the sample app on another host name than APP_URL', () => {
  it('sends the browser to APP_URL, where the OAuth callbacks come back', async () => {
    const other = running.appUrl.replace('127.0.0.1', 'localhost');
    const page = await new TestBrowser().get(`${other}/login?next=%2Fprofile`, { follow: false });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe(`${running.appUrl}/login?next=%2Fprofile`);
  });
});
