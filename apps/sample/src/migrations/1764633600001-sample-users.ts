import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sample's own table (the module's come with SOCIAL_MIGRATIONS). */
export class SampleUsers1764633600001 implements MigrationInterface {
  name = 'SampleUsers1764633600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      queryRunner.connection.options.type === 'postgres'
        ? `CREATE TABLE "sample_user" ("id" character varying(36) NOT NULL, "email" character varying(255) NOT NULL, "passwordHash" character varying(255), "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "UQ_854a783ee0f0e93fda3793ccf34" UNIQUE ("email"), CONSTRAINT "PK_0ef0ee1ec77d35ade7f2c3217c6" PRIMARY KEY ("id"))`
        : `CREATE TABLE "sample_user" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(255) NOT NULL, "passwordHash" varchar(255), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_854a783ee0f0e93fda3793ccf34" UNIQUE ("email"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sample_user"`);
  }
}
