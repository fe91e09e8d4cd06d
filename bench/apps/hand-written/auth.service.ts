import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Profile } from 'passport-google-oauth20';
import { DataSource, Repository } from 'typeorm';
import { BenchUser } from '../shared/bench-user.entity.js';
import { Account } from './account.entity.js';

/** Finds the user of a Google account, refreshing its tokens, or signs a new one up. */
@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async signIn(profile: Profile, accessToken: string, refreshToken?: string): Promise<BenchUser> {
    const account = await this.accounts.findOne({
      where: { provider: 'google', providerAccountId: profile.id },
      relations: { user: true },
    });
    if (account) {
      await this.accounts.update(account.id, {
        accessToken,
        ...(refreshToken ? { refreshToken } : {}),
      });
      return account.user;
    }
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.save(
        manager.create(BenchUser, {
          email: profile.emails?.[0]?.value ?? null,
          name: profile.displayName,
        }),
      );
      await manager.save(
        manager.create(Account, {
          user,
          provider: 'google',
          providerAccountId: profile.id,
          accessToken,
          refreshToken: refreshToken ?? null,
        }),
      );
      return user;
    });
  }
}
