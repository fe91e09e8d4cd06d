// Provider answers bounded before they reach the database, on SQLite and on PostgreSQL: an
// absurd token lifetime, control characters in profile values, an oversized answer.
import { describe, expect, it } from 'vitest';
import { TestBrowser } from './support/browser.js';
import { useSandboxApp } from './support/sandbox-app.js';
import { Flows } from './support/flows.js';

const YEAR_MS = 366 * 24 * 3600 * 1000;

describe.each(['SQLite', 'PostgreSQL'])('provider values on %s', (database) => {
  const env = useSandboxApp({
    providers: ['google', 'facebook'],
    postgres: database === 'PostgreSQL',
  });

  async function connect(provider: 'google' | 'facebook' = 'google') {
    const flows = new Flows(env.app, new TestBrowser(), provider);
    return flows.connectJson('alice');
  }

  it('expires_in: 1e300 is clamped to a year: a valid date, stored', async () => {
    env.sandbox.setFault({
      provider: 'google',
      endpoint: 'token',
      kind: 'extra',
      body: { expires_in: 1e300 },
    });
    expect((await connect()).status).toBe(201);
    const [row] = await env.app.rows();
    const expiresAt = row!.expiresAt!.getTime();
    expect(Number.isFinite(expiresAt)).toBe(true);
    expect(expiresAt).toBeGreaterThan(Date.now());
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + YEAR_MS);
  });

  it.each([
    ['a negative lifetime', -5],
    ['a string that is no number', 'soon'],
  ])('expires_in as %s is no expiry at all', async (_label, expiresIn) => {
    env.sandbox.setFault({
      provider: 'google',
      endpoint: 'token',
      kind: 'extra',
      body: { expires_in: expiresIn },
    });
    expect((await connect()).status).toBe(201);
    expect((await env.app.rows())[0]!.expiresAt).toBeNull();
  });

  it('NUL and other control characters are stripped from profile values (a URL keeps them percent-encoded)', async () => {
    env.sandbox.setFault({
      provider: 'google',
      endpoint: 'profile',
      kind: 'extra',
      body: {
        name: 'Al\u0000ice\u001b[31m An\u007fders',
        picture: 'https://example.com/a\u0000.png',
      },
    });
    expect((await connect()).status).toBe(201);
    const [row] = await env.app.rows();
    expect(row).toMatchObject({
      displayName: 'Alice[31m Anders',
      fullName: 'Alice[31m Anders',
      imageUrl: 'https://example.com/a%00.png',
    });
    for (const value of Object.values(row!)) {
      if (typeof value === 'string')
        expect([...value].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    }
  });

  // Facebook: its account id comes from the profile alone (Google's is also in the signed ID
  // token, where a differing sub is refused as an invalid ID token before this check).
  it('an account id holding NUL is refused (502), nothing stored', async () => {
    env.sandbox.setFault({
      provider: 'facebook',
      endpoint: 'profile',
      kind: 'extra',
      body: { id: '1234\u0000' },
    });
    expect(await connect('facebook')).toMatchObject({ status: 502, code: 'OAUTH_PROVIDER_ERROR' });
    expect(await env.app.rows()).toEqual([]);
  });

  it('an answer of two 30 MB fields is not read past its first megabyte: 502, nothing stored', async () => {
    const huge = 'x'.repeat(30 * 1024 * 1024);
    env.sandbox.setFault({
      provider: 'google',
      endpoint: 'profile',
      kind: 'extra',
      body: { name: huge, locale: huge },
    });
    expect(await connect()).toMatchObject({ status: 502, code: 'OAUTH_PROVIDER_ERROR' });
    expect(await env.app.rows()).toEqual([]);
  });
});
