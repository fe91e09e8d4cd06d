import type { SandboxIdentity } from '../sandbox.types.js';
import { avatarUrl } from '../core/avatar-url.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Twitter's v1.1 date format: `Wed Oct 10 20:19:24 +0000 2018`. */
export function twitterDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ` +
    `${time} +0000 ${date.getUTCFullYear()}`
  );
}

/**
 * The v1.1 user object (account/verify_credentials, a tweet's `user`). `email` is set only
 * when asked for (`include_email=true`) and the identity has one.
 */
export function twitterUser(
  identity: SandboxIdentity,
  baseUrl: string,
  includeEmail = false,
): Record<string, unknown> {
  const image = avatarUrl(baseUrl, 'twitter', identity);
  // Fixed per identity so responses are deterministic.
  const seed = Number(identity.id.slice(-2));
  return {
    id: Number(identity.id),
    id_str: identity.id,
    name: identity.name,
    screen_name: identity.username,
    location: identity.location ?? '',
    description: identity.description ?? '',
    url: null,
    entities: { description: { urls: [] } },
    protected: false,
    followers_count: 100 * seed,
    friends_count: 10 * seed,
    listed_count: seed,
    created_at: twitterDate(new Date(identity.createdAt)),
    favourites_count: 5 * seed,
    utc_offset: null,
    time_zone: null,
    geo_enabled: false,
    verified: false,
    statuses_count: 42 * seed,
    lang: null,
    contributors_enabled: false,
    is_translator: false,
    profile_background_color: 'F5F8FA',
    profile_image_url: image,
    profile_image_url_https: image,
    profile_link_color: '1DA1F2',
    default_profile: true,
    default_profile_image: false,
    following: false,
    follow_request_sent: false,
    notifications: false,
    translator_type: 'none',
    ...(includeEmail && identity.email ? { email: identity.email } : {}),
  };
}
