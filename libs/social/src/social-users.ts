import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import type { SocialProfile } from './social.types.js';

/**
 * The contract the host app implements so the module can find and log in its users
 * (the part Flask-Security played for Flask-Social). Register your class under `users`.
 *
 * @publicApi
 */
export abstract class SocialUsers<User = unknown, Req = Request> {
  /** Id of the user logged in on this request, or null when anonymous. */
  abstract currentUserId(req: Req): string | null | Promise<string | null>;

  /** The user with this id, or null when it no longer exists. */
  abstract findUser(userId: string): Promise<User | null>;

  /** Log the user in on this request. Must regenerate the session id (session fixation). */
  abstract login(req: Req, user: User): Promise<void>;

  /**
   * Optional sign-up through a provider: called when a provider login finds no connection.
   * Create the user with `transaction`, the TypeORM `EntityManager` of the transaction that
   * also creates the connection, and return its id; then the user is logged in. Return null to
   * refuse (the login fails with the usual message). With your own `connectionRepository`, it
   * is whatever that repository's `transaction()` hands out.
   */
  createUserFromProfile?(
    profile: SocialProfile,
    req: Req,
    transaction: EntityManager,
  ): Promise<string | null>;

  /**
   * Optional: whether the user can log in without any provider connection (a password, a
   * passkey...). When implemented, removing the user's last connection is refused while this is
   * false (409 `LAST_LOGIN_METHOD`), so nobody is locked out of their account.
   */
  hasOtherLoginMethod?(userId: string): Promise<boolean>;
}
