import { FLOW_CONTEXT, PendingFlows } from './pending-flows.js';

type Callback = (err: Error | null, secret?: string | false, state?: unknown) => void;

/**
 * passport-oauth1 request-token store over `PendingFlows`. passport's own store returns the
 * stored secret without comparing the returned `oauth_token` to the stored one, keeps the
 * token after a failed exchange, and throws (a 500) when the session lost it; this one looks
 * the token up by value (RFC 5849 §2.2), takes it out on first use and fails with a 403.
 */
export class OAuth1RequestTokenStore {
  private readonly flows: PendingFlows;

  constructor(providerId: string) {
    this.flows = new PendingFlows(providerId);
  }

  get(req: any, token: string, _meta: unknown, callback: Callback) {
    try {
      const flow = this.flows.take(req, token);
      if (!flow?.tokenSecret) return callback(null, false, { message: 'state' });
      callback(null, flow.tokenSecret, { flow: flow.flow, userId: flow.userId });
    } catch (error) {
      callback(error as Error);
    }
  }

  set(
    req: any,
    token: string,
    tokenSecret: string,
    _state: unknown,
    _meta: unknown,
    callback: Callback,
  ) {
    try {
      const context = req[FLOW_CONTEXT];
      this.flows.add(req, {
        handle: token,
        tokenSecret,
        flow: context.flow,
        userId: context.userId,
      });
      callback(null);
    } catch (error) {
      callback(error as Error);
    }
  }

  // Already taken out by get().
  destroy(_req: unknown, _token: string, _meta: unknown, callback: (err: Error | null) => void) {
    callback(null);
  }
}
