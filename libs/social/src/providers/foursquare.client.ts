import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import type { ApiClientContext } from './api-client-context.js';
import { FOURSQUARE_API_VERSION } from './foursquare.constants.js';
import { HttpApiClient } from './http-api-client.js';

/** A foursquare v2 user (`users/self`), the fields the module reads. @publicApi */
export interface FoursquareUser {
  id: string;
  firstName?: string;
  lastName?: string;
  handle?: string;
  canonicalUrl?: string;
  contact?: { email?: string };
  photo?: { prefix: string; suffix: string };
}

/** A check-in as `checkins/add` answers it. @publicApi */
export interface FoursquareCheckin {
  id: string;
  createdAt: number;
  type: string;
  shout?: string;
  venue?: { id: string };
}

/** foursquare v2's envelope: `{ meta: { code }, response }`. */
interface Envelope<T> {
  response: T;
}

/**
 * A small typed client of foursquare's v2 API, acting for one connection: every call carries
 * the user token as `oauth_token` and the API version date as `v` (YYYYMMDD), as v2 requires; a
 * 401 (`invalid_auth`) marks the connection `needs_reauth`. Paths are relative to `apiURL`
 * (`https://api.foursquare.com/v2`).
 *
 * @publicApi
 */
export class FoursquareClient extends HttpApiClient {
  constructor(
    config: ResolvedProviderConfig,
    connection: ConnectionCredentials,
    context?: ApiClientContext,
  ) {
    const token = connection.accessToken;
    super(
      config.id,
      config.apiURL,
      ({ url }) => {
        url.searchParams.set('oauth_token', token);
        url.searchParams.set('v', FOURSQUARE_API_VERSION);
      },
      config.timeoutMs,
      (status) => (status === 401 ? context?.unauthorized(token) : undefined),
    );
  }

  /** `GET users/self`: the connected user. */
  async self(): Promise<FoursquareUser> {
    return (await this.get<Envelope<{ user: FoursquareUser }>>('/users/self')).response.user;
  }

  /** `POST checkins/add`: checks the user in at a venue, with an optional shout. */
  async checkin(checkin: { venueId?: string; shout?: string }): Promise<FoursquareCheckin> {
    const form = Object.fromEntries(
      Object.entries(checkin).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    return (await this.post<Envelope<{ checkin: FoursquareCheckin }>>('/checkins/add', { form }))
      .response.checkin;
  }
}
