import type { ApiClient } from 'nestjs-social';

/**
 * Posts `text` with each provider's own API call and returns the new item's id: a tweet (X API
 * v2), a feed post (Graph API), a check-in shout (foursquare v2).
 */
export async function postStatus(api: ApiClient, text: string): Promise<string> {
  switch (api.providerId) {
    case 'twitter':
      return (await api.post<{ data: { id: string } }>('/2/tweets', { json: { text } })).data.id;
    case 'facebook':
      return (await api.post<{ id: string }>('/me/feed', { form: { message: text } })).id;
    case 'foursquare':
      return (
        await api.post<{ response: { checkin: { id: string } } }>('/checkins/add', {
          form: { shout: text },
        })
      ).response.checkin.id;
    default:
      throw new Error(`No status API for ${api.providerId}`);
  }
}
