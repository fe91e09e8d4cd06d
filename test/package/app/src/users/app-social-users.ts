// src/users/app-social-users.ts
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { type SocialProfile, SocialUsers } from 'nestjs-social';
import type { EntityManager, Repository } from 'typeorm';
import { User } from './user.entity.js';

/** How nestjs-social finds, logs in and signs up your users. */
@Injectable()
export class AppSocialUsers extends SocialUsers<User> {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {
    super();
  }

  currentUserId(req: Request): string | null {
    return req.session.userId ?? null;
  }

  findUser(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  async login(req: Request, user: User): Promise<void> {
    // A new session id on login (session fixation).
    await new Promise<void>((done, fail) =>
      req.session.regenerate((error) => (error ? fail(error) : done())),
    );
    req.session.userId = user.id;
  }

  /** Sign-up through a provider: a login that finds no connection creates the user. */
  override async createUserFromProfile(
    profile: SocialProfile,
    _req: Request,
    manager: EntityManager,
  ): Promise<string> {
    const user = manager.create(User, {
      id: randomUUID(),
      name: profile.fullName ?? profile.displayName ?? 'New user',
    });
    await manager.insert(User, user);
    return user.id;
  }
}
