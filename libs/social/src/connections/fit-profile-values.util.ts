import type { ProfileValues } from '../social.types.js';

/** Column sizes of the profile values (see `Connection`). */
const LIMITS = {
  displayName: 255,
  fullName: 255,
  email: 255,
  profileUrl: 512,
  imageUrl: 512,
} as const;

/**
 * Cuts provider-supplied profile values to their column sizes, so a hostile or oversized profile
 * never fails the insert (PostgreSQL rejects over-long varchar; SQLite would store it whole).
 * URLs and emails that would not fit are dropped rather than cut: half of one points elsewhere.
 */
export function fitProfileValues(
  values: Partial<Omit<ProfileValues, 'providerUserId'>>,
): Partial<Omit<ProfileValues, 'providerUserId'>> {
  const fitted: Partial<Omit<ProfileValues, 'providerUserId'>> = {};
  for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    if (!(key in values)) continue;
    const value = values[key];
    if (value == null) {
      fitted[key] = null;
    } else if (key === 'profileUrl' || key === 'imageUrl' || key === 'email') {
      fitted[key] = value.length <= LIMITS[key] ? value : null;
    } else {
      fitted[key] = [...value].slice(0, LIMITS[key]).join('');
    }
  }
  return fitted;
}
