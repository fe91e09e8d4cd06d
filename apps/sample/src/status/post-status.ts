import type { SocialService } from 'nestjs-social';

/**
 * Posts `text` with each provider's own client and returns the new item's id: a tweet (X API v2
 * through twitter-api-v2), a feed post (Graph API), a check-in shout (foursquare v2); null when
 * the user has no active connection to it.
 */
export async function postStatus(
  social: SocialService,
  providerId: string,
  userId: string,
  text: string,
): Promise<string | null> {
  switch (providerId) {
    case 'twitter': {
      const api = await social.twitter.getApi(userId);
      return api && (await api.v2.tweet(text)).data.id;
    }
    case 'facebook': {
      const api = await social.facebook.getApi(userId);
      return api && (await api.publish(text)).id;
    }
    case 'foursquare': {
      const api = await social.foursquare.getApi(userId);
      return api && (await api.checkin({ shout: text })).id;
    }
    default:
      throw new Error(`No status API for ${providerId}`);
  }
}
