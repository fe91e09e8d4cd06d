import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import type { ConnectionTokens, ProfileValues } from '../providers/social-profile.interface.js';
import { Connection } from './connection.entity.js';
import type { NewConnection } from './connection-values.js';
import { ConnectionConflictError, ConnectionRepository } from './connection.repository.js';
import { fitProfileValues } from './fit-profile-values.util.js';
import { isUniqueViolation } from './unique-violation.util.js';

/**
 * `ConnectionRepository` on TypeORM (SQLite, PostgreSQL, or any driver TypeORM supports).
 *
 * @publicApi
 */
@Injectable()
export class TypeOrmConnectionRepository extends ConnectionRepository {
  constructor(private readonly repository: Repository<Connection>) {
    super();
  }

  findConnection(userId: string, providerId: string, providerUserId?: string) {
    return this.repository.findOne({
      where: { userId, providerId, ...(providerUserId === undefined ? {} : { providerUserId }) },
      order: { rank: 'ASC', createdAt: 'ASC' },
    });
  }

  findConnections(userId: string, providerId?: string) {
    return this.repository.find({
      where: { userId, ...(providerId === undefined ? {} : { providerId }) },
      order: { providerId: 'ASC', rank: 'ASC', createdAt: 'ASC' },
    });
  }

  findByProviderUser(providerId: string, providerUserId: string) {
    return this.repository.findOne({ where: { providerId, providerUserId } });
  }

  async createConnection(values: NewConnection): Promise<Connection> {
    const existing = await this.findConnections(values.userId, values.providerId);
    const connection = this.repository.create({
      ...values,
      ...fitProfileValues(values),
      id: randomUUID(),
      // After the highest, not the count: removing rank 1 of 2 must not give two rank-2 rows.
      rank: Math.max(0, ...existing.map((c) => c.rank)) + 1,
    });
    try {
      // A single INSERT: atomic on its own, and the unique index settles concurrent callbacks.
      await this.repository.insert(connection);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConnectionConflictError(values.providerId, values.providerUserId);
      }
      throw error;
    }
    return this.repository.findOneByOrFail({ id: connection.id });
  }

  async updateTokens(
    id: string,
    tokens: ConnectionTokens,
    profile: Partial<Omit<ProfileValues, 'providerUserId'>> = {},
  ): Promise<Connection> {
    await this.repository.update({ id }, { ...tokens, ...fitProfileValues(profile) });
    return this.repository.findOneByOrFail({ id });
  }

  async removeConnection(userId: string, providerId: string, providerUserId: string) {
    const result = await this.repository.delete({ userId, providerId, providerUserId });
    return (result.affected ?? 0) > 0;
  }

  async removeConnections(userId: string, providerId: string) {
    const result = await this.repository.delete({ userId, providerId });
    return result.affected ?? 0;
  }

  /** Runs `work` in a TypeORM transaction; `context` is its `EntityManager`. */
  override transaction<T>(
    work: (repository: ConnectionRepository, context: unknown) => Promise<T>,
  ): Promise<T> {
    return this.repository.manager.transaction((manager) =>
      work(new TypeOrmConnectionRepository(manager.getRepository(Connection)), manager),
    );
  }
}
