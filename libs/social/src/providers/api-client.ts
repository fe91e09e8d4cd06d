/** Options of one API call. */
export interface ApiRequestOptions {
  /** Query parameters. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Form body (`application/x-www-form-urlencoded`). */
  form?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
}

/**
 * An authenticated client for a provider's REST API, acting for one connection. Paths are
 * relative to the provider's `apiURL`.
 *
 * @publicApi
 */
export interface ApiClient {
  /** The provider this client talks to ("twitter"). */
  readonly providerId: string;
  /** Sends a request and returns the parsed JSON answer; rejects with `ProviderApiError` on a non-2xx. */
  request<T = unknown>(method: string, path: string, options?: ApiRequestOptions): Promise<T>;
  /** `request('GET', path, { query })`. */
  get<T = unknown>(path: string, query?: ApiRequestOptions['query']): Promise<T>;
  /** `request('POST', path, body)`, with a `form` or a `json` body. */
  post<T = unknown>(path: string, body?: Omit<ApiRequestOptions, 'query'>): Promise<T>;
}
