import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PasswordHasher } from './password-hasher.js';
import { type PublicUser, publicUser } from './public-user.js';
import { User } from './user.entity.js';

/** Local accounts: register and check passwords. */
@Injectable()
export class UsersService {
  /** Verified when no account has the email, so an unknown email takes as long as a wrong password. */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordHasher,
  ) {}

  async findById(id: string): Promise<PublicUser | null> {
    const user = await this.users.findOneBy({ id });
    return user && publicUser(user);
  }

  /** Whether the account can log in with a password (false for one made through a provider). */
  async hasPassword(id: string): Promise<boolean> {
    const user = await this.users.findOne({
      where: { id },
      select: { id: true, passwordHash: true },
    });
    return typeof user?.passwordHash === 'string' && user.passwordHash !== '';
  }

  /** Creates an account; null when the email is taken. */
  async register(email: string, password: string): Promise<PublicUser | null> {
    const normalized = email.trim().toLowerCase();
    if (await this.users.findOneBy({ email: normalized })) return null;
    const user = this.users.create({
      id: randomUUID(),
      email: normalized,
      passwordHash: await this.passwords.hash(password),
    });
    await this.users.insert(user);
    return publicUser(user);
  }

  /** The account with this email and password, or null, in the same time either way. */
  async authenticate(email: string, password: string): Promise<PublicUser | null> {
    const user = await this.users.findOneBy({ email: email.trim().toLowerCase() });
    this.dummyHash ??= this.passwords.hash(randomBytes(16).toString('base64'));
    const hash = user?.passwordHash ?? (await this.dummyHash);
    const matches = await this.passwords.verify(password, hash);
    return user?.passwordHash && matches ? publicUser(user) : null;
  }
}
