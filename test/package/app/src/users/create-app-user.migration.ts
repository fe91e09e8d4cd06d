// src/users/create-app-user.migration.ts
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAppUser1764720000000 implements MigrationInterface {
  name = 'CreateAppUser1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "app_user"`);
  }
}
