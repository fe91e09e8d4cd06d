import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SocialUsers } from 'nestjs-social';
import '../session/session-data.js';
import type { PublicUser } from './public-user.js';
import { loginSession } from './session-login.util.js';
import { UsersService } from './users.service.js';

/**
 * How nestjs-social finds and logs in the sample's users. `findUser` gives the public view: it
 * is what the module's events carry.
 */
@Injectable()
export class SampleSocialUsers extends SocialUsers<PublicUser> {
  constructor(private readonly users: UsersService) {
    super();
  }

  currentUserId(req: Request): string | null {
    return req.session?.userId ?? null;
  }

  findUser(userId: string): Promise<PublicUser | null> {
    return this.users.findById(userId);
  }

  login(req: Request, user: PublicUser): Promise<void> {
    return loginSession(req, user.id);
  }

  /**
   * A password is the sample's other way in: without one (an account made through a provider),
   * the module refuses to remove the last connection (409 `LAST_LOGIN_METHOD`).
   */
  override hasOtherLoginMethod(userId: string): Promise<boolean> {
    return this.users.hasPassword(userId);
  }
}
