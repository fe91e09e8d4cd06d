import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { type SocialProfile, SocialUsers } from 'nestjs-social';
import type { EntityManager, Repository } from 'typeorm';
import { BenchUser } from '../shared/bench-user.entity.js';

/** The host app's side of the module: users in its own table, signed up at their first login. */
@Injectable()
export class BenchSocialUsers extends SocialUsers<BenchUser> {
  constructor(@InjectRepository(BenchUser) private readonly users: Repository<BenchUser>) {
    super();
  }

  currentUserId(req: Request): string | null {
    return (req.session as { userId?: string } | undefined)?.userId ?? null;
  }

  findUser(userId: string): Promise<BenchUser | null> {
    return this.users.findOneBy({ id: userId });
  }

  /** A new session id for the logged-in user; the module saves the session before answering. */
  login(req: Request, user: BenchUser): Promise<void> {
    return new Promise((resolve, reject) =>
      req.session.regenerate((err: unknown) => {
        if (err) return reject(err);
        (req.session as { userId?: string }).userId = user.id;
        resolve();
      }),
    );
  }

  override async createUserFromProfile(
    profile: SocialProfile,
    _req: Request,
    manager: EntityManager,
  ): Promise<string> {
    const result = await manager.insert(BenchUser, {
      email: profile.email ?? null,
      name: profile.fullName ?? null,
    });
    return result.identifiers[0]!.id as string;
  }
}
