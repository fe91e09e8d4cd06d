import { describe, expect, it } from 'vitest';
import { MAX_REDIRECT_LENGTH, safeRedirectPath } from './redirect-target.util.js';

const FALLBACK = '/fallback';
const APP = 'https://app.example.com';

/** Where a browser on our origin ends up when it follows `Location: <path>`. */
function landsOn(path: string): string {
  return new URL(path, APP).origin;
}

describe('safeRedirectPath', () => {
  it.each([
    '/',
    '/settings',
    '/settings/connections?tab=twitter',
    '/profile#connections',
    '/a/b/c?x=1&y=2#frag',
    '/search?q=a%20b&sort=-date&keep=(it)!*~',
  ])('keeps the same-site path %j unchanged', (path) => {
    expect(safeRedirectPath(path, FALLBACK)).toBe(path);
  });

  it('normalises dot segments of a same-site path', () => {
    expect(safeRedirectPath('/a/./b/../c', FALLBACK)).toBe('/a/c');
  });

  it.each([
    ['protocol-relative', '//evil.com'],
    ['protocol-relative with a path', '//evil.com/settings'],
    ['triple slash', '///evil.com'],
    ['slash backslash', '/\\evil.com'],
    ['double backslash', '\\\\evil.com'],
    ['scheme without slashes', 'http:evil.com'],
    ['absolute https URL', 'https://evil.com'],
    ['upper-case scheme', 'HTTPS://evil.com'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['tab stripped by URL parsers', '/\t/evil.com'],
    ['newline stripped by URL parsers', '/\n/evil.com'],
    ['carriage return', '/\r/evil.com'],
    ['NUL byte', '/\u0000/evil.com'],
    ['DEL', '/\u007f/evil.com'],
    ['look-alike slash U+2215', '/\u2215evil.com'],
    ['fullwidth solidus U+FF0F', '/\uff0fevil.com'],
    ['space', '/ /evil.com'],
    ['relative path', 'settings'],
    ['empty string', ''],
    ['dot segment collapsing into //', '/.//evil.com'],
    ['parent segment collapsing into //', '/..//evil.com'],
    ['segment then parent collapsing into //', '/a/..//evil.com'],
    ['encoded dots collapsing into //', '/%2e%2e//evil.com'],
  ])('rejects %s (%j)', (_label, value) => {
    expect(safeRedirectPath(value, FALLBACK)).toBe(FALLBACK);
  });

  it('keeps /%2F%2Fevil.com as a path on our own origin', () => {
    const result = safeRedirectPath('/%2F%2Fevil.com', FALLBACK);
    expect(result.startsWith('/')).toBe(true);
    expect(result.startsWith('//')).toBe(false);
    expect(landsOn(result)).toBe(APP);
    expect(new URL(result, APP).pathname).toBe('/%2F%2Fevil.com');
  });

  it('never returns anything that leaves the origin, for every hostile input above', () => {
    const hostile = [
      '//evil.com',
      '///evil.com',
      '/\\evil.com',
      '\\\\evil.com',
      'http:evil.com',
      'https://evil.com',
      'HTTPS://evil.com',
      'javascript:alert(1)',
      '/%2F%2Fevil.com',
      '/%5C%5Cevil.com',
      '/\t/evil.com',
      '/\n/evil.com',
      '/\u2215evil.com',
      '/.//evil.com',
      '/%2e//evil.com',
      '/x/../../..//evil.com',
    ];
    for (const value of hostile) {
      const result = safeRedirectPath(value, FALLBACK);
      expect(landsOn(result), value).toBe(APP);
      expect(result.startsWith('//'), value).toBe(false);
    }
  });

  it(`accepts a path of ${MAX_REDIRECT_LENGTH} characters and refuses a 600-character one`, () => {
    const longest = '/' + 'a'.repeat(MAX_REDIRECT_LENGTH - 1);
    expect(safeRedirectPath(longest, FALLBACK)).toBe(longest);
    expect(safeRedirectPath('/' + 'a'.repeat(599), FALLBACK)).toBe(FALLBACK);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an array of strings (repeated query parameter)', ['/a', '/b']],
    ['an array with one safe path', ['/settings']],
    ['an object (nested query parameter)', { toString: () => '/settings' }],
    ['a boolean', true],
  ])('returns the fallback for %s', (_label, value) => {
    expect(safeRedirectPath(value, FALLBACK)).toBe(FALLBACK);
  });

  it('returns whatever fallback it is given', () => {
    expect(safeRedirectPath('//evil.com', '/login')).toBe('/login');
    expect(safeRedirectPath(undefined, '')).toBe('');
  });
});
