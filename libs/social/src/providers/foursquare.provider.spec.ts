import { describe, expect, it } from 'vitest';
import { InvalidProfileError } from '../social.exceptions.js';
import { foursquareProvider } from './foursquare.provider.js';
import { FoursquareStrategy } from './foursquare.strategy.js';
import { strategyDeps } from './testing/provider-config.js';

/** The strategy as the module builds it from the definition's defaults. */
const foursquare = new FoursquareStrategy(strategyDeps(foursquareProvider));

/** GET https://api.foursquare.com/v2/users/self: the v2 envelope around the user. */
const usersSelf = {
  meta: { code: 200, requestId: '5d6e8a2b1f0f3c002c1b2a3d' },
  notifications: [{ type: 'notificationTray', item: { unreadCount: 0 } }],
  response: {
    user: {
      id: '1234567',
      firstName: 'Jimmy',
      lastName: 'Foursquare',
      gender: 'male',
      relationship: 'self',
      canonicalUrl: 'https://foursquare.com/user/1234567',
      photo: {
        prefix: 'https://fastly.4sqi.net/img/user/',
        suffix: '/1234567-HZGTZQNRLA3VHZOX.jpg',
      },
      friends: { count: 12, groups: [] },
      birthday: 575856000,
      type: 'user',
      contact: { verifiedPhone: 'false', email: 'jimmy@example.com' },
      photos: { count: 0, items: [] },
      checkinPings: 'off',
      pings: false,
      homeCity: 'New York, NY',
      lenses: [],
      referralId: 'u-1234567',
      createdAt: 1262304000,
    },
  },
};

describe('FoursquareStrategy.toProfileValues', () => {
  it('maps the users/self envelope, building the photo URL as prefix + "original" + suffix', () => {
    expect(foursquare.toProfileValues(usersSelf)).toEqual({
      providerUserId: '1234567',
      displayName: 'Jimmy Foursquare',
      fullName: 'Jimmy Foursquare',
      email: 'jimmy@example.com',
      profileUrl: 'https://foursquare.com/user/1234567',
      imageUrl: 'https://fastly.4sqi.net/img/user/original/1234567-HZGTZQNRLA3VHZOX.jpg',
    });
  });

  function withUser(user: Record<string, unknown>) {
    return { ...usersSelf, response: { user: { ...usersSelf.response.user, ...user } } };
  }

  it('builds the profile URL from the id when canonicalUrl is missing', () => {
    expect(foursquare.toProfileValues(withUser({ canonicalUrl: undefined })).profileUrl).toBe(
      'https://foursquare.com/user/1234567',
    );
  });

  it('uses the first name alone when there is no last name', () => {
    expect(foursquare.toProfileValues(withUser({ lastName: undefined }))).toMatchObject({
      displayName: 'Jimmy',
      fullName: 'Jimmy',
    });
  });

  it('has no image without both photo parts, nor an email without contact.email', () => {
    expect(
      foursquare.toProfileValues(withUser({ photo: { prefix: 'https://x.test/' } })),
    ).toMatchObject({ imageUrl: null });
    expect(foursquare.toProfileValues(withUser({ contact: {} })).email).toBeNull();
  });

  it('does not read a user object outside the envelope', () => {
    expect(() => foursquare.toProfileValues(usersSelf.response.user)).toThrow(InvalidProfileError);
  });

  it('turns a numeric id into a string', () => {
    expect(foursquare.toProfileValues({ response: { user: { id: 1234 } } })).toMatchObject({
      providerUserId: '1234',
      profileUrl: 'https://foursquare.com/user/1234',
    });
  });

  it.each([
    ['{}', {}],
    ['{"id":""}', { id: '' }],
    ['{"id":null}', { id: null }],
    ['{"id":{"$gt":""}}', { id: { $gt: '' } }],
  ])('refuses a user without a usable id: %s', (_label, user) => {
    expect(() => foursquare.toProfileValues({ meta: { code: 200 }, response: { user } })).toThrow(
      InvalidProfileError,
    );
  });

  it('refuses an error envelope with no user', () => {
    const error = {
      meta: {
        code: 401,
        errorType: 'invalid_auth',
        errorDetail: 'OAuth token invalid or revoked.',
      },
      response: {},
    };
    expect(() => foursquare.toProfileValues(error)).toThrow(InvalidProfileError);
  });
});

describe('FoursquareStrategy', () => {
  it('keeps the token in the query when reading users/self (the v2 API takes only oauth_token)', () => {
    const internals = foursquare as unknown as {
      _oauth2: { _useAuthorizationHeaderForGET: boolean };
    };
    expect(internals._oauth2._useAuthorizationHeaderForGET).toBe(false);
  });
});
