import { describe, expect, it } from 'vitest';
import { InvalidProfileError } from '../social.exceptions.js';
import { facebookProvider } from './facebook.provider.js';
import { FacebookStrategy } from './facebook.strategy.js';
import { strategyDeps } from './testing/provider-config.js';

/** The strategy as the module builds it from the definition's defaults. */
const facebook = new FacebookStrategy(strategyDeps(facebookProvider));

const PICTURE =
  'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10153413400000000&height=200&width=200&ext=1735689600&hash=AbZ9';

/** Graph `/me?fields=id,name,first_name,last_name,email,link,picture.type(large)`. */
const me = {
  id: '10153413400000000',
  name: 'Jane Doe',
  first_name: 'Jane',
  last_name: 'Doe',
  email: 'jane@example.com',
  link: 'https://www.facebook.com/app_scoped_user_id/YXNpZADpBWEZA/',
  picture: {
    data: { height: 200, is_silhouette: false, url: PICTURE, width: 200 },
  },
};

describe('FacebookStrategy.toProfileValues', () => {
  it('maps a Graph /me answer, with the picture at picture.data.url', () => {
    expect(facebook.toProfileValues(me)).toEqual({
      providerUserId: '10153413400000000',
      displayName: 'Jane Doe',
      fullName: 'Jane Doe',
      email: 'jane@example.com',
      profileUrl: 'https://www.facebook.com/app_scoped_user_id/YXNpZADpBWEZA/',
      imageUrl: PICTURE,
    });
  });

  it('builds the full name from first_name and last_name when name is missing', () => {
    const { name: _n, ...rest } = me;
    expect(facebook.toProfileValues(rest)).toMatchObject({
      displayName: null,
      fullName: 'Jane Doe',
    });
  });

  it('leaves out the email and picture when the user declined them', () => {
    const { email: _e, picture: _p, link: _l, ...rest } = me;
    expect(facebook.toProfileValues(rest)).toMatchObject({
      email: null,
      imageUrl: null,
      profileUrl: null,
    });
  });

  it('ignores a picture given as a bare string (the v2.2-era shape)', () => {
    expect(facebook.toProfileValues({ ...me, picture: PICTURE }).imageUrl).toBeNull();
  });

  it('turns a numeric id into a string', () => {
    expect(facebook.toProfileValues({ id: 1234 }).providerUserId).toBe('1234');
  });

  it.each([
    ['{}', {}],
    ['{"id":""}', { id: '' }],
    ['{"id":"   "}', { id: '   ' }],
    ['{"id":null}', { id: null }],
    ['{"id":{"$gt":""}}', { id: { $gt: '' } }],
    ['{"id":[1]}', { id: [1] }],
    ['a 256-character id', { id: '1'.repeat(256) }],
    ['an unsafe integer id', { id: 2 ** 53 }],
  ])('refuses a profile without a usable id: %s', (_label, json) => {
    expect(() => facebook.toProfileValues(json)).toThrow(InvalidProfileError);
  });
});
