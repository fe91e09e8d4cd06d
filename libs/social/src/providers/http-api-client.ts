import { readCappedText } from '../oauth/read-capped.util.js';
import { ProviderApiError } from '../social.exceptions.js';
import type { ApiClient, ApiRequestOptions } from './api-client.js';
import { joinApiUrl } from './api-url.util.js';

/** Adds a provider's credentials to an outgoing request. */
export type RequestAuthorizer = (request: {
  method: string;
  url: URL;
  headers: Headers;
  form?: Record<string, string>;
}) => void;

/**
 * Told of every error answer before it is thrown (status and parsed body): where a client
 * recognises a refused token (a 401, Graph error 190) and reports it.
 */
export type ErrorAnswerHook = (status: number, body: unknown) => Promise<void> | void;

/**
 * `ApiClient` over fetch, with a deadline on every call; the provider-specific part is the
 * authorizer (and the hook that recognises a refused token).
 */
export class HttpApiClient implements ApiClient {
  constructor(
    readonly providerId: string,
    private readonly baseUrl: string,
    private readonly authorize: RequestAuthorizer,
    private readonly timeoutMs: number,
    private readonly onErrorAnswer?: ErrorAnswerHook,
  ) {}

  async request<T>(method: string, path: string, options: ApiRequestOptions = {}): Promise<T> {
    const url = new URL(joinApiUrl(this.baseUrl, path));
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers = new Headers({ accept: 'application/json' });
    let body: string | undefined;
    if (options.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.json);
    }
    this.authorize({ method: method.toUpperCase(), url, headers, form: options.form });
    const response = await fetch(url, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await readCappedText(response);
    const parsed = parseJson(text);
    if (!response.ok) {
      await this.onErrorAnswer?.(response.status, parsed);
      throw new ProviderApiError(this.providerId, response.status, parsed);
    }
    return parsed as T;
  }

  get<T>(path: string, query?: ApiRequestOptions['query']): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body: Omit<ApiRequestOptions, 'query'> = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }
}

function parseJson(text: string): unknown {
  // 204 and other empty answers.
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
