import { Injectable } from '@nestjs/common';
import { SocialUsers } from 'nestjs-social';
import { loginSession } from './session-login.util.js';
import type { User } from './user.entity.js';
import { UsersService } from './users.service.js';

/** How nestjs-social finds and logs in the sample's users. */
@Injectable()
export class SampleSocialUsers extends SocialUsers<User> {
  constructor(private readonly users: UsersService) {
    super();
  }

  currentUserId(req: any): string | null {
    return req.session?.userId ?? null;
  }

  findUser(userId: string): Promise<User | null> {
    return this.users.findById(userId);
  }

  login(req: any, user: User): Promise<void> {
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
