import { describe, expect, it } from 'vitest';
import { fitProfileValues } from './fit-profile-values.util.js';

describe('fitProfileValues', () => {
  it('cuts a 100 KB displayName to 255 characters', () => {
    const fitted = fitProfileValues({ displayName: 'x'.repeat(100 * 1024) });
    expect(fitted.displayName).toBe('x'.repeat(255));
  });

  it('cuts fullName to 255 characters and drops an over-long email rather than storing another address', () => {
    const fitted = fitProfileValues({ fullName: 'f'.repeat(300), email: 'e'.repeat(300) });
    expect(fitted.fullName).toHaveLength(255);
    expect(fitted.email).toBeNull();
  });

  it('cuts by code point, never leaving half a surrogate pair', () => {
    const fitted = fitProfileValues({ displayName: '😀'.repeat(300) });
    expect([...fitted.displayName!]).toHaveLength(255);
    expect(fitted.displayName).toBe('😀'.repeat(255));
  });

  it('keeps values that fit as they are', () => {
    const values = {
      displayName: 'd'.repeat(255),
      fullName: 'Jane Doe',
      email: 'jane@example.com',
      profileUrl: 'https://example.com/' + 'p'.repeat(492),
      imageUrl: 'https://example.com/a.png',
    };
    expect(values.profileUrl).toHaveLength(512);
    expect(fitProfileValues(values)).toEqual(values);
  });

  it('drops an over-long URL instead of cutting it', () => {
    const long = 'https://example.com/' + 'p'.repeat(493);
    expect(long).toHaveLength(513);
    expect(fitProfileValues({ profileUrl: long, imageUrl: long })).toEqual({
      profileUrl: null,
      imageUrl: null,
    });
  });

  it('keeps nulls, and leaves out keys that were not given', () => {
    expect(fitProfileValues({ displayName: null, email: undefined })).toEqual({
      displayName: null,
      email: null,
    });
    expect(fitProfileValues({})).toEqual({});
  });

  it('ignores other keys (tokens, providerUserId)', () => {
    const values = { displayName: 'a', accessToken: 't', providerUserId: '1' } as never;
    expect(fitProfileValues(values)).toEqual({ displayName: 'a' });
  });
});
