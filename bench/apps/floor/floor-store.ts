import Database from 'better-sqlite3';
import { countStatement } from '../shared/sql-counter.js';

export interface FloorProfile {
  sub: string;
  email?: string;
  name?: string;
}

/** The floor's database: a user and its Google account, each written by one indexed upsert. */
export class FloorStore {
  private readonly upsertUserStatement;
  private readonly upsertAccountStatement;

  constructor(file: string) {
    const db = new Database(file, { verbose: countStatement });
    // What TypeORM sets on its connections too.
    db.pragma('foreign_keys = ON');
    db.exec(`
      CREATE TABLE IF NOT EXISTS users (
        id INTEGER PRIMARY KEY, sub TEXT NOT NULL UNIQUE, email TEXT, name TEXT);
      CREATE TABLE IF NOT EXISTS accounts (
        id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id),
        provider TEXT NOT NULL, provider_account_id TEXT NOT NULL,
        access_token TEXT NOT NULL, expires_at INTEGER,
        UNIQUE (provider, provider_account_id));`);
    this.upsertUserStatement = db.prepare<[string, string | null, string | null], { id: number }>(
      `INSERT INTO users (sub, email, name) VALUES (?, ?, ?)
       ON CONFLICT (sub) DO UPDATE SET email = excluded.email, name = excluded.name
       RETURNING id`,
    );
    this.upsertAccountStatement = db.prepare<[number, string, string, number]>(
      `INSERT INTO accounts (user_id, provider, provider_account_id, access_token, expires_at)
       VALUES (?, 'google', ?, ?, ?)
       ON CONFLICT (provider, provider_account_id)
       DO UPDATE SET access_token = excluded.access_token, expires_at = excluded.expires_at`,
    );
  }

  /** The user's id after a login: created on the first, refreshed on the next. */
  signIn(profile: FloorProfile, accessToken: string, expiresAt: number): number {
    const { id } = this.upsertUserStatement.get(
      profile.sub,
      profile.email ?? null,
      profile.name ?? null,
    )!;
    this.upsertAccountStatement.run(id, profile.sub, accessToken, expiresAt);
    return id;
  }
}
