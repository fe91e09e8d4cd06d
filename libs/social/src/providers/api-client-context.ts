/** A fresh access token from the module's refresher. @publicApi */
export interface RefreshedAccess {
  accessToken: string;
  expiresAt: Date | null;
}

/**
 * What a definition's `createApiClient` is given besides the credentials: the token's expiry,
 * the module's refresher, and where to report a refused token. A client built on them shares
 * the connection's lifecycle: one refresh per connection across the app (never a refresh of its
 * own behind the module's back), and a refused token marks the connection `needs_reauth`.
 *
 * @publicApi
 */
export interface ApiClientContext {
  /** When the access token expires; null when the provider gave no lifetime. */
  expiresAt: Date | null;
  /**
   * A usable access token for this connection, renewed through the module's refresher when it
   * is about to expire (written back encrypted; one token call across instances); null when the
   * connection can no longer get one (its status says why).
   */
  refresh(): Promise<RefreshedAccess | null>;
  /**
   * Reports that the provider's API refused `accessToken` (a 401, Graph error 190): the
   * connection becomes `needs_reauth` (unless it holds another token by now) and
   * `connection.updated` is emitted.
   */
  unauthorized(accessToken: string): Promise<void>;
}
