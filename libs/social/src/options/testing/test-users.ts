// Test helpers for the options specs; never imported by library code (excluded from the build).
import { SocialUsers } from '../../social-users.js';

/** A `SocialUsers` that is never asked anything: the resolver only checks it is a class. */
export class UnusedUsers extends SocialUsers {
  currentUserId() {
    return null;
  }
  async findUser() {
    return null;
  }
  async login() {}
}
