import { InvalidProfileError } from '../social.exceptions.js';

/** Reads a property of an untyped JSON object. */
export function field(json: unknown, ...path: string[]): unknown {
  let value: unknown = json;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The account id as a non-empty string. Numbers are normalised ("1234" and 1234 are one account);
 * anything else (missing, empty, null, objects) is refused rather than stored as "undefined".
 */
export function requiredId(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  // Control characters never belong in an id (and PostgreSQL refuses NUL).
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    value.length <= 255 &&
    // eslint-disable-next-line no-control-regex -- control characters are what it refuses
    !/[\u0000-\u001f\u007f]/.test(value)
  ) {
    return value;
  }
  throw new InvalidProfileError('The provider profile has no usable account id');
}

/** A non-empty string, or null. */
export function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** An absolute http(s) URL, or null: profile links end up in `href`/`src` attributes. */
export function optionalUrl(value: unknown): string | null {
  const text = optionalString(value);
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Joins the non-empty parts with a space, or null when there are none. */
export function joinNames(...parts: unknown[]): string | null {
  const names = parts.map(optionalString).filter((part): part is string => part !== null);
  return names.length ? names.join(' ') : null;
}
