import type { SandboxIdentity } from '../sandbox.types.js';

type FieldReader = (identity: SandboxIdentity, baseUrl: string) => unknown;

// The User node fields the sandbox knows; a field with no value is left out, as Graph does.
const FIELDS: Record<string, FieldReader> = {
  id: (i) => i.id,
  name: (i) => i.name,
  first_name: (i) => i.givenName,
  last_name: (i) => i.familyName,
  middle_name: (i) => i.middleName,
  short_name: (i) => i.givenName,
  name_format: () => '{first} {last}',
  email: (i) => i.email,
  gender: (i) => i.gender,
  locale: (i) => i.locale ?? 'en_US',
  link: (i) => `https://www.facebook.com/app_scoped_user_id/${i.id}/`,
  picture: (i, baseUrl) => ({
    data: {
      height: 50,
      is_silhouette: false,
      url: `${baseUrl}/__sandbox/avatars/facebook/${i.key}.svg`,
      width: 50,
    },
  }),
};

/** Parsed `fields`: the names, or the first unknown one. */
export type FieldSelection = { fields: string[] } | { unknown: string };

/**
 * Reads a `fields` parameter (`id,name,picture.type(large)`); modifiers and nested selections
 * are accepted and ignored. Graph's default is `id,name`.
 */
export function parseFields(param: string | undefined): FieldSelection {
  if (param === undefined || param.trim() === '') return { fields: ['id', 'name'] };
  const fields: string[] = [];
  for (const raw of param.split(',')) {
    const name = raw.trim().replace(/[.{(].*$/, '');
    if (name === '') continue;
    if (!(name in FIELDS)) return { unknown: name };
    if (!fields.includes(name)) fields.push(name);
  }
  return { fields };
}

/** The User node with the asked-for fields (`id` always; `email` only with the email permission). */
export function facebookUser(
  identity: SandboxIdentity,
  fields: string[],
  scopes: string[],
  baseUrl: string,
): Record<string, unknown> {
  const user: Record<string, unknown> = {};
  for (const field of fields) {
    if (field === 'email' && !scopes.includes('email')) continue;
    const value = FIELDS[field](identity, baseUrl);
    if (value !== undefined) user[field] = value;
  }
  user.id = identity.id;
  return user;
}
