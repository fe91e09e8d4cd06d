import { describe, expect, it } from 'vitest';
import { InvalidProfileError } from '../social.exceptions.js';
import { twitterProvider } from './twitter.provider.js';
import { TwitterStrategy } from './twitter.strategy.js';
import { strategyDeps } from './testing/provider-config.js';

/** The strategy as the module builds it from the definition's defaults. */
const twitter = new TwitterStrategy(strategyDeps(twitterProvider));

/** GET 1.1/account/verify_credentials.json?include_email=true, as documented (trimmed of counters). */
const verifyCredentials = {
  id: 2244994945,
  id_str: '2244994945',
  name: 'Twitter Dev',
  screen_name: 'TwitterDev',
  location: 'Internet',
  profile_location: null,
  description: 'Your official source for Twitter Platform news, updates & events.',
  url: 'https://t.co/FGl7VOULyL',
  entities: {
    url: {
      urls: [
        {
          url: 'https://t.co/FGl7VOULyL',
          expanded_url: 'https://developer.twitter.com/',
          display_url: 'developer.twitter.com',
          indices: [0, 23],
        },
      ],
    },
    description: { urls: [] },
  },
  protected: false,
  followers_count: 501915,
  friends_count: 1466,
  listed_count: 1440,
  created_at: 'Sat Dec 14 04:35:55 +0000 2013',
  favourites_count: 2137,
  utc_offset: null,
  time_zone: null,
  geo_enabled: true,
  verified: true,
  statuses_count: 3388,
  lang: null,
  contributors_enabled: false,
  is_translator: false,
  is_translation_enabled: false,
  profile_background_color: 'FFFFFF',
  profile_background_image_url: 'http://abs.twimg.com/images/themes/theme1/bg.png',
  profile_background_image_url_https: 'https://abs.twimg.com/images/themes/theme1/bg.png',
  profile_background_tile: false,
  profile_image_url: 'http://pbs.twimg.com/profile_images/880136122604507136/xHrnqf1T_normal.jpg',
  profile_image_url_https:
    'https://pbs.twimg.com/profile_images/880136122604507136/xHrnqf1T_normal.jpg',
  profile_banner_url: 'https://pbs.twimg.com/profile_banners/2244994945/1498675817',
  profile_link_color: '0084B4',
  profile_sidebar_border_color: 'FFFFFF',
  profile_sidebar_fill_color: 'DDEEF6',
  profile_text_color: '333333',
  profile_use_background_image: false,
  has_extended_profile: true,
  default_profile: false,
  default_profile_image: false,
  following: false,
  follow_request_sent: false,
  notifications: false,
  translator_type: 'regular',
  suspended: false,
  needs_phone_verification: false,
  email: 'devrel@example.com',
};

describe('TwitterStrategy.toProfileValues', () => {
  it('maps a v1.1 verify_credentials user object', () => {
    expect(twitter.toProfileValues(verifyCredentials)).toEqual({
      providerUserId: '2244994945',
      displayName: '@TwitterDev',
      fullName: 'Twitter Dev',
      email: 'devrel@example.com',
      profileUrl: 'https://x.com/TwitterDev',
      imageUrl: 'https://pbs.twimg.com/profile_images/880136122604507136/xHrnqf1T_normal.jpg',
    });
  });

  it('takes id_str over id, whose 64-bit value a JavaScript number cannot hold', () => {
    // 1234567890123456789 parses to 1234567890123456800.
    const json = JSON.parse('{"id": 1234567890123456789, "id_str": "1234567890123456789"}');
    expect(twitter.toProfileValues(json).providerUserId).toBe('1234567890123456789');
  });

  it('turns a numeric id into a string when there is no id_str', () => {
    expect(twitter.toProfileValues({ id: 1234 }).providerUserId).toBe('1234');
  });

  it('leaves out what the profile does not have (no email permission, no screen name)', () => {
    const { email: _e, screen_name: _s, ...rest } = verifyCredentials;
    expect(twitter.toProfileValues(rest)).toMatchObject({
      displayName: null,
      email: null,
      profileUrl: null,
    });
  });

  it('refuses a non-http profile image URL', () => {
    const json = { ...verifyCredentials, profile_image_url_https: 'javascript:alert(1)' };
    expect(twitter.toProfileValues(json).imageUrl).toBeNull();
  });

  it('encodes a screen name into the profile URL', () => {
    const json = { id_str: '1', screen_name: '../../evil?x' };
    expect(twitter.toProfileValues(json).profileUrl).toBe('https://x.com/..%2F..%2Fevil%3Fx');
  });

  it.each([
    ['{}', {}],
    ['{"id":""}', { id: '' }],
    ['{"id":null}', { id: null }],
    ['{"id_str":""} (and no id)', { id_str: '' }],
    ['{"id":{"$gt":""}}', { id: { $gt: '' } }],
    ['{"id":-1}', { id: -1 }],
    ['{"id":1.5}', { id: 1.5 }],
    ['an array', [verifyCredentials]],
    ['null', null],
    ['a string', '2244994945'],
  ])('refuses a profile without a usable id: %s', (_label, json) => {
    expect(() => twitter.toProfileValues(json)).toThrow(InvalidProfileError);
  });
});
