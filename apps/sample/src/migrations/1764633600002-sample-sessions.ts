import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The session table of connect-session-knex, as it would create it itself. Made here so that
 * instances booting at once never race to create it (the store is told not to).
 */
export class SampleSessions1764633600002 implements MigrationInterface {
  name = 'SampleSessions1764633600002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(
      `CREATE TABLE "sample_session" ("sid" varchar(255) PRIMARY KEY NOT NULL, "sess" json NOT NULL, "expired" ${postgres ? 'timestamptz' : 'datetime'} NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "sample_session_expired_index" ON "sample_session" ("expired")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sample_session"`);
  }
}
