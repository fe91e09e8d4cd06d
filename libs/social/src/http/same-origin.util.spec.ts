import { describe, expect, it } from 'vitest';
import { isSameOriginRequest } from './same-origin.util.js';

const APP = 'https://app.example.com';

describe('isSameOriginRequest', () => {
  it('accepts an Origin equal to the app origin', () => {
    expect(isSameOriginRequest({ origin: APP }, APP)).toBe(true);
  });

  it.each([
    ['another site', 'https://evil.com'],
    ['a sibling subdomain', 'https://evil.example.com'],
    ['another scheme', 'http://app.example.com'],
    ['another port', 'https://app.example.com:8443'],
    ['the opaque "null" origin (sandboxed iframe, data: URL)', 'null'],
    ['an empty Origin', ''],
  ])('refuses an Origin from %s', (_label, origin) => {
    expect(isSameOriginRequest({ origin }, APP)).toBe(false);
  });

  it('decides on Origin alone when it is present, whatever the other headers say', () => {
    expect(
      isSameOriginRequest(
        { origin: 'https://evil.com', 'sec-fetch-site': 'same-origin', referer: `${APP}/x` },
        APP,
      ),
    ).toBe(false);
    expect(
      isSameOriginRequest(
        { origin: APP, 'sec-fetch-site': 'cross-site', referer: 'https://evil.com/' },
        APP,
      ),
    ).toBe(true);
  });

  it.each([
    ['same-origin', true],
    ['none', true],
    ['same-site', false],
    ['cross-site', false],
  ])('without Origin, Sec-Fetch-Site: %s -> %s', (site, expected) => {
    expect(isSameOriginRequest({ 'sec-fetch-site': site }, APP)).toBe(expected);
  });

  it('without Origin and Sec-Fetch-Site, falls back to the Referer', () => {
    expect(isSameOriginRequest({ referer: `${APP}/settings?tab=1` }, APP)).toBe(true);
    expect(isSameOriginRequest({ referer: 'https://evil.com/app.example.com' }, APP)).toBe(false);
    expect(isSameOriginRequest({ referer: 'https://app.example.com.evil.com/' }, APP)).toBe(false);
  });

  it('refuses an unparseable Referer', () => {
    expect(isSameOriginRequest({ referer: 'not a url' }, APP)).toBe(false);
    expect(isSameOriginRequest({ referer: '' }, APP)).toBe(false);
  });

  it('accepts a request with none of the three headers (not a browser)', () => {
    expect(isSameOriginRequest({}, APP)).toBe(true);
    expect(isSameOriginRequest({ 'content-type': 'application/json' }, APP)).toBe(true);
  });

  it('reads the first value of a repeated header', () => {
    expect(isSameOriginRequest({ origin: ['https://evil.com', APP] }, APP)).toBe(false);
    expect(isSameOriginRequest({ origin: [APP, 'https://evil.com'] }, APP)).toBe(true);
    expect(isSameOriginRequest({ 'sec-fetch-site': ['cross-site'] }, APP)).toBe(false);
  });
});
