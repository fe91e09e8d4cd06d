import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runAll, type SqlDialect, sqlDialect } from './sql-dialect.util.js';

const UP: Record<SqlDialect, string[]> = {
  sqlite: [
    `CREATE TABLE "social_connection_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" varchar(255) NOT NULL, "actor" varchar(16) NOT NULL, "action" varchar(32) NOT NULL, "providerId" varchar(64) NOT NULL, "providerUserId" varchar(255) NOT NULL, "connectionId" varchar(36) NOT NULL, "detail" varchar(255), "requestId" varchar(64), "jobId" varchar(64), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    `CREATE INDEX "IDX_social_connection_audit_created" ON "social_connection_audit" ("createdAt")`,
    `CREATE INDEX "IDX_social_connection_audit_user" ON "social_connection_audit" ("userId", "id")`,
    `CREATE TABLE "social_revocation_request" ("id" varchar(36) PRIMARY KEY NOT NULL, "providerId" varchar(64) NOT NULL, "providerUserId" varchar(255) NOT NULL, "userId" varchar(255) NOT NULL, "connectionId" varchar(36) NOT NULL, "accessToken" text NOT NULL, "secret" text, "refreshToken" text, "encKeyId" varchar(32), "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime NOT NULL, "leaseUntil" datetime, "claimToken" varchar(36), "lastError" varchar(255), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    `CREATE INDEX "IDX_social_revocation_request_due" ON "social_revocation_request" ("nextAttemptAt")`,
    `CREATE TABLE "social_data_deletion" ("confirmationCode" varchar(64) PRIMARY KEY NOT NULL, "providerId" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "connectionsRemoved" integer NOT NULL DEFAULT (0), "requestedAt" datetime NOT NULL DEFAULT (datetime('now')))`,
  ],
  postgres: [
    `CREATE TABLE "social_connection_audit" ("id" SERIAL NOT NULL, "userId" character varying(255) NOT NULL, "actor" character varying(16) NOT NULL, "action" character varying(32) NOT NULL, "providerId" character varying(64) NOT NULL, "providerUserId" character varying(255) NOT NULL, "connectionId" character varying(36) NOT NULL, "detail" character varying(255), "requestId" character varying(64), "jobId" character varying(64), "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_eae9c90df625483ce2ba186e818" PRIMARY KEY ("id"))`,
    `CREATE INDEX "IDX_social_connection_audit_created" ON "social_connection_audit" ("createdAt")`,
    `CREATE INDEX "IDX_social_connection_audit_user" ON "social_connection_audit" ("userId", "id")`,
    `CREATE TABLE "social_revocation_request" ("id" character varying(36) NOT NULL, "providerId" character varying(64) NOT NULL, "providerUserId" character varying(255) NOT NULL, "userId" character varying(255) NOT NULL, "connectionId" character varying(36) NOT NULL, "accessToken" text NOT NULL, "secret" text, "refreshToken" text, "encKeyId" character varying(32), "attempts" integer NOT NULL DEFAULT '0', "nextAttemptAt" TIMESTAMP NOT NULL, "leaseUntil" TIMESTAMP, "claimToken" character varying(36), "lastError" character varying(255), "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_72aebd0c2e8abafa8313c6f4861" PRIMARY KEY ("id"))`,
    `CREATE INDEX "IDX_social_revocation_request_due" ON "social_revocation_request" ("nextAttemptAt")`,
    `CREATE TABLE "social_data_deletion" ("confirmationCode" character varying(64) NOT NULL, "providerId" character varying(64) NOT NULL, "status" character varying(16) NOT NULL, "connectionsRemoved" integer NOT NULL DEFAULT '0', "requestedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_2d119019eb64eca2a25ca1b73cd" PRIMARY KEY ("confirmationCode"))`,
  ],
};

/**
 * The revocation queue (`social_revocation_request`), the audit trail (`social_connection_audit`)
 * and the data-deletion requests (`social_data_deletion`), on SQLite or PostgreSQL.
 */
export class SocialRevocationAudit1796300000000 implements MigrationInterface {
  name = 'SocialRevocationAudit1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, UP[sqlDialect(queryRunner, this.name)]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    sqlDialect(queryRunner, this.name);
    await runAll(queryRunner, [
      `DROP TABLE "social_data_deletion"`,
      `DROP TABLE "social_revocation_request"`,
      `DROP TABLE "social_connection_audit"`,
    ]);
  }
}
