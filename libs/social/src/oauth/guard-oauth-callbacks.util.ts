/** What node-oauth hands its request callbacks. */
type RequestCallback = (error: unknown, data?: unknown, response?: unknown) => void;

/**
 * node-oauth parses provider answers inside its HTTP 'end' listener, and the strategies parse
 * profiles inside its callbacks: a token answer of `null`, or a profile without the fields a
 * strategy expects, throws there, where nothing catches it, and the process dies. This makes
 * every request callback of a strategy's OAuth client turn such a throw into an error answer,
 * which the strategy then reports (a 502) like any provider failure.
 */
export function guardOAuthCallbacks(strategy: object): void {
  const client = strategy as {
    _oauth2?: { _request: (...args: any[]) => unknown };
    _oauth?: { _performSecureRequest: (...args: any[]) => unknown };
  };
  if (client._oauth2) wrapLastCallback(client._oauth2, '_request');
  if (client._oauth) wrapLastCallback(client._oauth, '_performSecureRequest');
}

function wrapLastCallback<T extends Record<K, (...args: any[]) => unknown>, K extends string>(
  target: T,
  method: K,
): void {
  const original = target[method].bind(target);
  target[method] = ((...args: unknown[]) => {
    const callback = args[args.length - 1];
    if (typeof callback === 'function') {
      let answered = false;
      args[args.length - 1] = (error: unknown, data?: unknown, response?: unknown) => {
        try {
          (callback as RequestCallback)(error, data, response);
          answered = true;
        } catch {
          // Answer once more, as a failed request (no provider text: it may echo secrets).
          if (!answered) {
            answered = true;
            (callback as RequestCallback)({ statusCode: 502, data: 'unusable answer' });
          }
        }
      };
    }
    return original(...args);
  }) as T[K];
}
