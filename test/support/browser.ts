/** One HTTP answer as the test browser saw it. */
export interface Page {
  url: string;
  status: number;
  headers: Headers;
  text: string;
  /** Every URL visited to get here, redirects included. */
  history: string[];
}

/** Form fields; pairs allow a repeated name (`next=/a&next=//evil`). */
export type FormFields = Record<string, string> | [string, string][];

interface RequestOptions {
  form?: FormFields;
  headers?: Record<string, string>;
  /** Follow redirects (default true). */
  follow?: boolean;
}

/**
 * A minimal browser for tests: a cookie jar per origin (cookies are sent back to the origin that
 * set them), redirects followed across origins like a real one (302/303 turn into GET), forms
 * posted url-encoded.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  async request(method: string, url: string, options: RequestOptions = {}): Promise<Page> {
    const history: string[] = [];
    let current = {
      method,
      url,
      body: options.form ? new URLSearchParams(options.form).toString() : undefined,
    };
    for (let hop = 0; hop < 20; hop++) {
      history.push(current.url);
      const headers: Record<string, string> = { ...options.headers };
      if (current.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const cookie = this.cookieHeader(current.url);
      if (cookie) headers['cookie'] = cookie;
      const response = await fetch(current.url, {
        method: current.method,
        headers,
        body: current.body,
        redirect: 'manual',
      });
      this.store(current.url, response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (
        options.follow === false ||
        !location ||
        response.status < 300 ||
        response.status >= 400
      ) {
        return {
          url: current.url,
          status: response.status,
          headers: response.headers,
          text: await response.text(),
          history,
        };
      }
      await response.arrayBuffer();
      const keepMethod = response.status === 307 || response.status === 308;
      current = {
        method: keepMethod ? current.method : 'GET',
        url: new URL(location, current.url).toString(),
        body: keepMethod ? current.body : undefined,
      };
      // Only the first request carries the caller's headers (e.g. Accept: application/json).
      options = {
        ...options,
        headers: options.headers?.accept ? { accept: options.headers.accept } : undefined,
      };
    }
    throw new Error(`Too many redirects from ${url}`);
  }

  get(url: string, options?: RequestOptions) {
    return this.request('GET', url, options);
  }

  post(url: string, form: FormFields = {}, options?: RequestOptions) {
    return this.request('POST', url, { ...options, form });
  }

  /** The cookies this browser holds for an origin. */
  cookies(url: string): Map<string, string> {
    return this.jar.get(new URL(url).origin) ?? new Map();
  }

  /** Forgets every cookie (a new browser profile). */
  clear(): void {
    this.jar.clear();
  }

  private cookieHeader(url: string): string {
    return [...this.cookies(url)].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private store(url: string, setCookies: string[]) {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a),
      );
      if (expired) cookies.delete(name);
      else cookies.set(name, pair!.slice(eq + 1).trim());
    }
    this.jar.set(origin, cookies);
  }
}
