import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { hashPassword, verifyPassword } from './password.util.js';
import { User } from './user.entity.js';

/** Local accounts: register and check passwords. */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
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
  async register(email: string, password: string): Promise<User | null> {
    const normalized = email.trim().toLowerCase();
    if (await this.users.findOneBy({ email: normalized })) return null;
    const user = this.users.create({
      id: randomUUID(),
      email: normalized,
      passwordHash: await hashPassword(password),
    });
    await this.users.insert(user);
    return user;
  }

  /** The account with this email and password, or null. */
  async authenticate(email: string, password: string): Promise<User | null> {
    const user = await this.users.findOneBy({ email: email.trim().toLowerCase() });
    return user && (await verifyPassword(password, user.passwordHash)) ? user : null;
  }
}
