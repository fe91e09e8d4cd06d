import type { ProfileValues } from '../social.types.js';

/** Column sizes of the profile values (see `Connection`). */
const LIMITS = {
  displayName: 255,
  fullName: 255,
  email: 255,
  profileUrl: 512,
  imageUrl: 512,
} as const;

/** C0 controls (NUL among them, which PostgreSQL refuses in text) and DEL. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * Cuts provider-supplied profile values to their column sizes and strips control characters, so
 * a hostile or oversized profile never fails the insert (PostgreSQL rejects over-long varchar and
 * NUL; SQLite would store them). URLs and emails that would not fit are dropped rather than cut:
 * half of one points elsewhere. Cheap on huge values: only the head that can fit is looked at.
 */
export function fitProfileValues(
  values: Partial<Omit<ProfileValues, 'providerUserId'>>,
): Partial<Omit<ProfileValues, 'providerUserId'>> {
  const fitted: Partial<Omit<ProfileValues, 'providerUserId'>> = {};
  for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    if (!(key in values)) continue;
    const value = values[key];
    const limit = LIMITS[key];
    if (value == null) {
      fitted[key] = null;
    } else if (key === 'profileUrl' || key === 'imageUrl' || key === 'email') {
      fitted[key] = value.length <= limit && !CONTROL.test(value) ? value : null;
      CONTROL.lastIndex = 0;
    } else {
      // At most 2 UTF-16 units per code point: the first 2×limit units hold every one kept.
      const head = value.slice(0, 2 * limit).replace(CONTROL, '');
      fitted[key] = [...head].slice(0, limit).join('') || null;
    }
  }
  return fitted;
}
