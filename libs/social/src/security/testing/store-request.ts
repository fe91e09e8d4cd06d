import type { SocialFlow } from '../../providers/provider-definition.interface.js';
import { FLOW_CONTEXT } from '../pending-flows.js';

/** The slice of an Express request the flow stores read. */
export type StoreRequest = {
  session?: Record<string, any>;
  query?: Record<string, string>;
  [key: symbol]: unknown;
};

/** A request in the middle of a `flow` started by `userId`, over `session`. */
export function storeRequest(
  flow: SocialFlow,
  userId: string | null,
  session: Record<string, any> = {},
): StoreRequest {
  return { session, query: {}, [FLOW_CONTEXT]: { flow, userId } };
}

/** Calls a callback-style store method and resolves with the callback's arguments. */
export function callbackArgs(fn: (cb: (...args: any[]) => void) => void): Promise<any[]> {
  return new Promise((resolve) => fn((...args) => resolve(args)));
}
