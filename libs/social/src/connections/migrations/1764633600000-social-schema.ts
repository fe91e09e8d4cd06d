import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runAll, type SqlDialect, sqlDialect } from './sql-dialect.util.js';

const UP: Record<SqlDialect, string[]> = {
  sqlite: [
    `CREATE TABLE "social_connection" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(255) NOT NULL, "providerId" varchar(64) NOT NULL, "providerUserId" varchar(255) NOT NULL, "accessToken" text NOT NULL, "secret" text, "refreshToken" text, "expiresAt" datetime, "scope" text, "displayName" varchar(255), "fullName" varchar(255), "email" varchar(255), "profileUrl" varchar(512), "imageUrl" varchar(512), "encKeyId" varchar(32), "needsReauth" boolean NOT NULL DEFAULT (0), "needsReauthReason" varchar(32), "refreshLeaseUntil" datetime, "rank" integer NOT NULL DEFAULT (1), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_social_connection_provider_user" UNIQUE ("providerId", "providerUserId"))`,
    `CREATE INDEX "IDX_social_connection_user_provider" ON "social_connection" ("userId", "providerId")`,
    `CREATE TABLE "social_oauth_state" ("providerId" varchar(64) NOT NULL, "handle" varchar(512) NOT NULL, "binding" varchar(64) NOT NULL, "payload" text NOT NULL, "expiresAt" bigint NOT NULL, PRIMARY KEY ("providerId", "handle"))`,
    `CREATE INDEX "IDX_social_oauth_state_expires" ON "social_oauth_state" ("expiresAt")`,
  ],
  postgres: [
    `CREATE TABLE "social_connection" ("id" character varying(36) NOT NULL, "userId" character varying(255) NOT NULL, "providerId" character varying(64) NOT NULL, "providerUserId" character varying(255) NOT NULL, "accessToken" text NOT NULL, "secret" text, "refreshToken" text, "expiresAt" TIMESTAMP, "scope" text, "displayName" character varying(255), "fullName" character varying(255), "email" character varying(255), "profileUrl" character varying(512), "imageUrl" character varying(512), "encKeyId" character varying(32), "needsReauth" boolean NOT NULL DEFAULT false, "needsReauthReason" character varying(32), "refreshLeaseUntil" TIMESTAMP, "rank" integer NOT NULL DEFAULT '1', "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "UQ_social_connection_provider_user" UNIQUE ("providerId", "providerUserId"), CONSTRAINT "PK_2a50c7bc7feacaaffd2063ea960" PRIMARY KEY ("id"))`,
    `CREATE INDEX "IDX_social_connection_user_provider" ON "social_connection" ("userId", "providerId")`,
    `CREATE TABLE "social_oauth_state" ("providerId" character varying(64) NOT NULL, "handle" character varying(512) NOT NULL, "binding" character varying(64) NOT NULL, "payload" text NOT NULL, "expiresAt" bigint NOT NULL, CONSTRAINT "PK_287fa62ca6d5345051970166dde" PRIMARY KEY ("providerId", "handle"))`,
    `CREATE INDEX "IDX_social_oauth_state_expires" ON "social_oauth_state" ("expiresAt")`,
  ],
};

/**
 * The module's tables: `social_connection` and `social_oauth_state` (the database state store),
 * on SQLite or PostgreSQL, as TypeORM would create them from the entities.
 */
export class SocialSchema1764633600000 implements MigrationInterface {
  name = 'SocialSchema1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, UP[sqlDialect(queryRunner, this.name)]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    sqlDialect(queryRunner, this.name);
    await runAll(queryRunner, [
      `DROP TABLE "social_oauth_state"`,
      `DROP TABLE "social_connection"`,
    ]);
  }
}
