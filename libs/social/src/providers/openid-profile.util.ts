import type { ProfileValues } from '../social.types.js';
import {
  field,
  joinNames,
  optionalString,
  optionalUrl,
  requiredId,
} from './profile-fields.util.js';

/**
 * The connection values of OpenID Connect standard claims (OIDC Core §5.1): `sub`, the names,
 * `email` (verified only when `email_verified` is the boolean true), `profile`, `picture`.
 */
export function openIdProfileValues(json: unknown): ProfileValues & { emailVerified: boolean } {
  const name = optionalString(field(json, 'name'));
  const fullName = name ?? joinNames(field(json, 'given_name'), field(json, 'family_name'));
  const email = optionalString(field(json, 'email'));
  return {
    providerUserId: requiredId(field(json, 'sub')),
    displayName: optionalString(field(json, 'preferred_username')) ?? fullName ?? email,
    fullName,
    email,
    // Only a real boolean counts: a string "false" is truthy (CVE-2026-53516 in Better Auth).
    emailVerified: field(json, 'email_verified') === true,
    profileUrl: optionalUrl(field(json, 'profile')),
    imageUrl: optionalUrl(field(json, 'picture')),
  };
}
