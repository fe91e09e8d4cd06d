/**
 * Makes a node-oauth client refuse a request-token answer without `oauth_callback_confirmed=true`.
 * passport-oauth1 silently falls back to OAuth 1.0 in that case (callback on the authorize URL,
 * no verifier), the session-fixation hole of OAuth Security Advisory 2009.1; RFC 5849 §2.1 says
 * the parameter MUST be present and set to "true".
 */
export function requireCallbackConfirmed(oauth: {
  getOAuthRequestToken: (...args: any[]) => void;
}): void {
  const original = oauth.getOAuthRequestToken.bind(oauth);
  oauth.getOAuthRequestToken = (...args: any[]) => {
    const callback = args.pop() as (
      err: unknown,
      token?: string,
      secret?: string,
      params?: any,
    ) => void;
    original(...args, (err: unknown, token?: string, secret?: string, params?: any) => {
      if (!err && params?.oauth_callback_confirmed !== 'true') {
        return callback({ statusCode: 502, data: 'oauth_callback_confirmed missing' });
      }
      callback(err, token, secret, params);
    });
  };
}
