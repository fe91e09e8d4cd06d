import type { User } from './user.entity.js';

/** A user as it may leave the users service: what pages and event listeners see, never the hash. */
export type PublicUser = Pick<User, 'id' | 'email' | 'createdAt'>;

export function publicUser({ id, email, createdAt }: User): PublicUser {
  return { id, email, createdAt };
}
