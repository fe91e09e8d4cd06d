// SECURITY.md D: the `next` redirect after a round trip, each item by its number, plus
// property-based tests (fast-check) of the redirect check and the callback parameters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from 'nestjs-social';
import { readCallbackParams } from '../../libs/social/src/oauth/callback-params.util.js';
import { TestBrowser, type FormFields } from '../support/browser.js';
import { consentCallbackUrl } from '../support/consent.js';
import { Flows, JSON_ACCEPT } from '../support/flows.js';
import { useSandboxApp } from '../support/sandbox-app.js';

const env = useSandboxApp({ providers: ['google'] });
const APP = 'https://app.example.com';

/** Connects with `form` posted at the start; returns where the callback sends the browser. */
async function redirectAfterConnect(form: FormFields, callbackQuery = '') {
  const f = new Flows(env.app, new TestBrowser(), 'google');
  await f.logInAs('u1');
  const consent = await f.browser.post(f.url('/connect/google'), form);
  const callback = await consentCallbackUrl(f.browser, consent);
  const answer = await f.browser.get(callback + callbackQuery, { follow: false });
  await env.app.dataSource.query('DELETE FROM social_connection');
  return { status: answer.status, location: answer.headers.get('location') };
}

const HOSTILE_NEXT: [string, FormFields][] = [
  ...[
    '//evil.com',
    '///evil.com',
    '/\\evil.com',
    '\\\\evil.com',
    'http:evil.com',
    'https:evil.com',
    'https://evil.com',
    'HTTPS://evil.com',
    'https://app.example.com.evil.com/',
    'https://app.example.com@evil.com/',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>',
    '/%2F%2Fevil.com',
    '/%5Cevil.com',
    '/\t/evil.com',
    '/\n/evil.com',
    '/∕evil.com',
    '/.//evil.com',
    '/' + 'a'.repeat(600),
  ].map((value): [string, FormFields] => [JSON.stringify(value), { next: value }]),
  [
    'next=/a&next=//evil.com',
    [
      ['next', '/a'],
      ['next', '//evil.com'],
    ],
  ],
];

describe('D. Post-login redirect', () => {
  it.each(HOSTILE_NEXT)(
    '#39 open redirect: next=%s → the default page, never off-site',
    async (_label, form) => {
      const { status, location } = await redirectAfterConnect(form);
      expect(status).toBe(302);
      // `/%2F%2Fevil.com` and `/%5Cevil.com` are same-site paths once parsed; every other one
      // falls back to the default. Either way the browser stays on our origin.
      expect(new URL(location!, APP).origin).toBe(APP);
      expect(location).toMatch(/^\/(?![/\\])/);
      if (!/%2F|%5C/.test(JSON.stringify(form))) expect(location).toBe('/connected');
    },
  );

  it('#40 a legitimate path is kept exactly', async () => {
    expect(
      (await redirectAfterConnect({ next: '/settings/connections?tab=twitter' })).location,
    ).toBe('/settings/connections?tab=twitter');
  });

  it('#41 the callback ignores returnTo, next and callbackUrl in its own query', async () => {
    const { location } = await redirectAfterConnect(
      { next: '/profile' },
      '&returnTo=//evil.com&next=//evil.com&callbackUrl=https://evil.com',
    );
    expect(location).toBe('/profile');
  });
});

describe('D. Property-based: the redirect check and the callback parameters', () => {
  it('#39 safeRedirectPath never returns anything that leaves the origin (20 000 generated inputs)', () => {
    const interesting = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.webUrl(),
      fc
        .constantFrom(
          '/',
          '//',
          '\\',
          '/\\',
          '%2F',
          '%5C',
          '.',
          '..',
          '@',
          ':',
          '\t',
          '\n',
          '∕',
          'http:',
          'javascript:',
        )
        .chain((piece) => fc.array(fc.constantFrom(piece, '/', 'evil.com', 'a'), { maxLength: 8 }))
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(interesting, (value) => {
        const result = safeRedirectPath(value, '/fallback');
        expect(new URL(result, APP).origin).toBe(APP);
        expect(
          result.startsWith('/') && !result.startsWith('//') && !result.startsWith('/\\'),
        ).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('#10 #11 readCallbackParams: every answer is null or single strings within the caps (20 000 inputs)', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 3000 }),
      fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
      fc.constant(undefined),
    );
    const name = fc.constantFrom(
      'code',
      'state',
      'oauth_token',
      'oauth_verifier',
      'error',
      'iss',
      'state[]',
      'code[a]',
      'x',
    );
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 5 }), (query) => {
        const params = readCallbackParams(query);
        if (params === null) return;
        for (const [key, param] of Object.entries(params)) {
          expect(typeof param).toBe('string');
          expect(param!.length).toBeLessThanOrEqual(key === 'code' ? 2048 : 512);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('#39 end to end: generated `next` values never give a 500 or an off-site redirect (60 round trips)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), async (next) => {
        const { status, location } = await redirectAfterConnect({ next });
        expect(status).toBe(302);
        expect(new URL(location!, APP).origin).toBe(APP);
      }),
      { numRuns: 60 },
    );
  });

  it('#10 end to end: generated callback queries never give a 5xx other than a provider error (300 requests)', async () => {
    const f = new Flows(env.app, new TestBrowser(), 'google');
    await f.start('login');
    const pair = fc.tuple(
      fc.constantFrom('code', 'state', 'error', 'iss', 'error_code', 'state[]', 'code[$ne]', 'x'),
      fc.string({ maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { maxLength: 5 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const page = await f.browser.get(f.url(`/login/google?${query}`), {
          headers: JSON_ACCEPT,
          follow: false,
        });
        expect(page.status < 500 || page.status === 502 || page.status === 503).toBe(true);
        expect(page.headers.get('location')).toBeNull();
      }),
      { numRuns: 300 },
    );
    expect(await env.app.rows()).toEqual([]);
  });
});
