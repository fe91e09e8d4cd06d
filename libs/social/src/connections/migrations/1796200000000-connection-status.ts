import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runAll, type SqlDialect, sqlDialect } from './sql-dialect.util.js';

const TABLE = `"social_connection"`;

// SQLite >= 3.35 (bundled with better-sqlite3) drops and renames columns in place.
const UP: Record<SqlDialect, string[]> = {
  sqlite: [
    `ALTER TABLE ${TABLE} ADD COLUMN "status" varchar(16) NOT NULL DEFAULT ('active')`,
    `UPDATE ${TABLE} SET "status" = 'needs_reauth' WHERE "needsReauth" = 1`,
    `ALTER TABLE ${TABLE} DROP COLUMN "needsReauth"`,
    `ALTER TABLE ${TABLE} RENAME COLUMN "needsReauthReason" TO "statusReason"`,
  ],
  postgres: [
    `ALTER TABLE ${TABLE} ADD "status" character varying(16) NOT NULL DEFAULT 'active'`,
    `UPDATE ${TABLE} SET "status" = 'needs_reauth' WHERE "needsReauth" = true`,
    `ALTER TABLE ${TABLE} DROP COLUMN "needsReauth"`,
    `ALTER TABLE ${TABLE} RENAME COLUMN "needsReauthReason" TO "statusReason"`,
  ],
};

const DOWN: Record<SqlDialect, string[]> = {
  sqlite: [
    `ALTER TABLE ${TABLE} RENAME COLUMN "statusReason" TO "needsReauthReason"`,
    `ALTER TABLE ${TABLE} ADD COLUMN "needsReauth" boolean NOT NULL DEFAULT (0)`,
    `UPDATE ${TABLE} SET "needsReauth" = 1 WHERE "status" <> 'active'`,
    `ALTER TABLE ${TABLE} DROP COLUMN "status"`,
  ],
  postgres: [
    `ALTER TABLE ${TABLE} RENAME COLUMN "statusReason" TO "needsReauthReason"`,
    `ALTER TABLE ${TABLE} ADD "needsReauth" boolean NOT NULL DEFAULT false`,
    `UPDATE ${TABLE} SET "needsReauth" = true WHERE "status" <> 'active'`,
    `ALTER TABLE ${TABLE} DROP COLUMN "status"`,
  ],
};

/**
 * A status per connection (`active`, `expired`, `needs_reauth`, `revoked`) in place of the
 * `needsReauth` flag: flagged rows become `needs_reauth`, and the flag's reason column becomes
 * `statusReason`.
 */
export class ConnectionStatus1796200000000 implements MigrationInterface {
  name = 'ConnectionStatus1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, UP[sqlDialect(queryRunner, this.name)]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runAll(queryRunner, DOWN[sqlDialect(queryRunner, this.name)]);
  }
}
