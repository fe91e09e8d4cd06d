/**
 * True unless the browser says this request comes from another site. Browsers send `Origin` on
 * every cross-site POST and `Sec-Fetch-Site` on every request, so a forged form post always
 * carries one of them; a client that sends neither is not a browser and carries no ambient cookies
 * of a victim. Referer is the fallback for old browsers.
 */
export function isSameOriginRequest(
  headers: Record<string, string | string[] | undefined>,
  appOrigin: string,
): boolean {
  const origin = single(headers['origin']);
  if (origin !== undefined) return origin === appOrigin;
  const site = single(headers['sec-fetch-site']);
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const referer = single(headers['referer']);
  if (referer !== undefined) {
    try {
      return new URL(referer).origin === appOrigin;
    } catch {
      return false;
    }
  }
  return true;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
