/** Size caps of callback parameters (RFC 6749 §10.14, RFC 5849 §4.10: refuse oversized input early). */
const MAX_LENGTH: Record<string, number> = {
  code: 2048,
  state: 128,
  oauth_token: 512,
  oauth_verifier: 512,
  denied: 512,
  error: 128,
  error_code: 32,
  iss: 512,
};

/** The callback parameters the module reads, each a single string or absent. */
export type CallbackParams = Partial<Record<keyof typeof MAX_LENGTH, string>>;

/**
 * Reads the callback query, or null when a parameter is repeated, nested or oversized
 * (`?state[]=a&state[]=b`, `?code[a]=1`): such a request is refused before any lookup.
 */
export function readCallbackParams(query: Record<string, unknown>): CallbackParams | null {
  // With Express 5's simple query parser `?state[$ne]=x` arrives as a key "state[$ne]"; with an
  // extended parser as an object. Refuse both shapes.
  for (const key of Object.keys(query)) {
    const bracket = key.indexOf('[');
    if (bracket > 0 && key.slice(0, bracket) in MAX_LENGTH) return null;
  }
  const params: CallbackParams = {};
  for (const [name, max] of Object.entries(MAX_LENGTH)) {
    const value = query[name];
    if (value === undefined) continue;
    // Empty counts as malformed: passport tests truthiness, and `?code=` would start a new round
    // trip from the callback URL.
    if (typeof value !== 'string' || value.length === 0 || value.length > max) return null;
    params[name] = value;
  }
  return params;
}

/**
 * True when the query carries any parameter a provider's callback has (`code`, `state`,
 * `oauth_token`, `error`…): without one, a GET is a link to the route, not the provider returning.
 */
export function hasCallbackParams(query: Record<string, unknown>): boolean {
  return Object.keys(query).some((key) => key.replace(/\[.*$/, '') in MAX_LENGTH);
}
