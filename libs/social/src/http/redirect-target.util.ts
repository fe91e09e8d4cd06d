/** Longest `next` value accepted. */
export const MAX_REDIRECT_LENGTH = 512;
const BASE = 'https://redirect-check.invalid';

/**
 * `value` when it is a safe same-site path ("/settings?tab=x"), otherwise `fallback`. Only a single
 * leading "/" is accepted, no backslashes or control characters (URL parsers strip or reinterpret
 * them: "/\evil.com", "/\t/evil.com"), and the parsed URL must stay on our origin.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_REDIRECT_LENGTH)
    return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  // Only printable ASCII and no backslash: rules out control characters, look-alike slashes
  // such as U+2215, and the backslash browsers read as a slash.
  if (!/^[\x21-\x7e]+$/.test(value) || value.includes('\\')) return fallback;
  try {
    const url = new URL(value, BASE);
    if (url.origin !== BASE) return fallback;
    const path = url.pathname + url.search + url.hash;
    // Dot segments can collapse into a leading "//" ("/.//evil.com" -> "//evil.com"), which a
    // browser reads as a protocol-relative URL to another host.
    return path.startsWith('//') ? fallback : path;
  } catch {
    return fallback;
  }
}
