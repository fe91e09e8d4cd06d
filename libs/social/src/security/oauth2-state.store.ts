import { FLOW_CONTEXT, newHandle, PendingFlows } from './pending-flows.js';

type Callback = (err: Error | null, ok?: string | boolean, state?: unknown) => void;

/**
 * passport-oauth2 state store (the `store` option) over `PendingFlows`. passport's own session
 * store keeps one state per authorization-server host with no expiry, shared between strategies
 * on one host; this one is per provider, bounded, expiring and bound to flow and user.
 */
export class OAuth2StateStore {
  private readonly flows: PendingFlows;

  /** @param pkce the provider uses PKCE: a round trip without a stored verifier is refused. */
  constructor(
    providerId: string,
    private readonly pkce = false,
  ) {
    this.flows = new PendingFlows(providerId);
  }

  // passport-oauth2 picks the call shape from the arity: keep all five parameters.
  store(
    req: any,
    verifier: string | undefined,
    _state: unknown,
    _meta: unknown,
    callback: Callback,
  ) {
    try {
      const context = req[FLOW_CONTEXT];
      const handle = newHandle();
      this.flows.add(req, { handle, verifier, flow: context.flow, userId: context.userId });
      callback(null, handle);
    } catch (error) {
      callback(error as Error);
    }
  }

  verify(req: any, providedState: unknown, _meta: unknown, callback: Callback) {
    try {
      const flow = this.flows.take(req, providedState);
      if (!flow) return callback(null, false, { message: 'state' });
      // Never exchange the code without the verifier (RFC 9700 §2.1.1): no empty or decoy one.
      if (this.pkce && !flow.verifier) return callback(null, false, { message: 'verifier' });
      // A string tells passport-oauth2 to send it as the PKCE code_verifier.
      callback(null, flow.verifier ?? true, { flow: flow.flow, userId: flow.userId });
    } catch (error) {
      callback(error as Error);
    }
  }
}
