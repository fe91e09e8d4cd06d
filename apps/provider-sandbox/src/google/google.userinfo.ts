import type { SandboxIdentity } from '../sandbox.types.js';
import { hasEmailScope, hasProfileScope } from './google.scopes.js';
import { avatarUrl } from '../core/avatar-url.js';

/** Where the sandbox serves an identity's Google picture. */
export function googlePicture(identity: SandboxIdentity, baseUrl: string): string {
  return avatarUrl(baseUrl, 'google', identity);
}

/**
 * The OpenID Connect userinfo claims, limited by the granted scopes as Google does:
 * `email`/`email_verified`/`hd` with the email scope, names/picture/locale with profile.
 */
export function googleUserinfo(
  identity: SandboxIdentity,
  scopes: string[],
  baseUrl: string,
): Record<string, unknown> {
  return {
    sub: identity.id,
    ...(hasProfileScope(scopes)
      ? {
          name: identity.name,
          given_name: identity.givenName,
          family_name: identity.familyName,
          picture: googlePicture(identity, baseUrl),
        }
      : {}),
    ...(hasEmailScope(scopes) && identity.email
      ? { email: identity.email, email_verified: identity.emailVerified === true }
      : {}),
    ...(hasProfileScope(scopes) && identity.locale ? { locale: identity.locale } : {}),
    ...(hasEmailScope(scopes) && identity.hostedDomain ? { hd: identity.hostedDomain } : {}),
  };
}

/** A People API person with the requested `personFields`. */
export function googlePerson(
  identity: SandboxIdentity,
  personFields: string[],
  scopes: string[],
  baseUrl: string,
): Record<string, unknown> {
  const source = { type: 'PROFILE', id: identity.id };
  const metadata = { primary: true, source };
  const person: Record<string, unknown> = {
    resourceName: `people/${identity.id}`,
    etag: `%Eg${identity.id.slice(-6)}`,
  };
  if (personFields.includes('names') && hasProfileScope(scopes)) {
    person.names = [
      {
        metadata,
        displayName: identity.name,
        familyName: identity.familyName,
        givenName: identity.givenName,
      },
    ];
  }
  if (personFields.includes('emailAddresses') && hasEmailScope(scopes) && identity.email) {
    person.emailAddresses = [
      {
        metadata: { ...metadata, verified: identity.emailVerified === true },
        value: identity.email,
      },
    ];
  }
  if (personFields.includes('photos')) {
    person.photos = [{ metadata, url: googlePicture(identity, baseUrl) }];
  }
  return person;
}
