/**
 * A provider API path under the configured `apiURL`, keeping the base's own path
 * (`https://host/google/api` + `/v1/people/me` → `https://host/google/api/v1/people/me`);
 * `new URL(path, base)` would drop it for a path with a leading slash.
 */
export function joinApiUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}

/** True for a URL with a scheme (`https://…`), which is called as given, not under `apiURL`. */
export function isAbsoluteUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}
