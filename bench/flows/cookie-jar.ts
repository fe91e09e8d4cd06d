/** A browser's cookies for one flow: name=value per origin, sent back to the origin that set them. */
export class CookieJar {
  private readonly origins = new Map<string, Map<string, string>>();

  header(url: URL): string | undefined {
    const cookies = this.origins.get(url.origin);
    if (!cookies?.size) return undefined;
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(url: URL, setCookie: readonly string[]): void {
    if (setCookie.length === 0) return;
    let cookies = this.origins.get(url.origin);
    if (!cookies) this.origins.set(url.origin, (cookies = new Map()));
    for (const line of setCookie) {
      const pair = line.slice(0, line.indexOf(';') >>> 0);
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
}
