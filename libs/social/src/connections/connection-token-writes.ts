import { type EntityManager, IsNull } from 'typeorm';
import { ConnectionGoneError } from '../social.exceptions.js';
import type { ConnectionTokens, ProfileValues } from '../social.types.js';
import { auditInTransaction } from './audit-in-transaction.util.js';
import { Connection } from './connection.entity.js';
import type { ConnectionTokenSealer } from './connection-token-sealer.js';
import { fitProfileValues } from './fit-profile-values.util.js';
import { inWriteTransaction } from './write-transaction.util.js';

type ProfileUpdate = Partial<Omit<ProfileValues, 'providerUserId'>>;

/**
 * New tokens for a row just read, and its audit entry, in one transaction: one UPDATE guarded by
 * the key the row was read under. A refresh token that was not renewed keeps its stored
 * ciphertext (so one a concurrent refresh rotated in meanwhile survives). Null when the row was
 * re-sealed, set or removed since (or is not `active`, or under another key): read it again.
 */
export async function writeTokensOf(
  manager: EntityManager,
  sealer: ConnectionTokenSealer,
  read: Connection,
  tokens: ConnectionTokens,
  profile: ProfileUpdate,
): Promise<Connection | null> {
  if (read.status !== 'active' || read.encKeyId !== sealer.currentKeyId) return null;
  const renewsRefresh = tokens.refreshToken != null;
  const next = {
    ...tokens,
    secret: tokens.secret ?? null,
    refreshToken: renewsRefresh ? tokens.refreshToken! : read.refreshToken,
    scope: tokens.scope ?? read.scope,
  };
  const { refreshToken: sealedRefresh, ...sealed } = sealer.seal(read.id, read.userId, next);
  const values = {
    expiresAt: next.expiresAt ?? null,
    scope: next.scope ?? null,
    ...fitProfileValues(profile),
    status: 'active' as const,
    statusReason: null,
    updatedAt: new Date(),
  };
  const written = await inWriteTransaction(manager, async (transaction) => {
    const result = await transaction.update(
      Connection,
      { id: read.id, encKeyId: read.encKeyId ?? IsNull(), status: 'active' },
      { ...values, ...sealed, ...(renewsRefresh ? { refreshToken: sealedRefresh } : {}) },
    );
    if ((result.affected ?? 0) === 0) return false;
    await auditInTransaction(transaction, { action: 'updated', connection: read });
    return true;
  });
  if (!written) return null;
  const { accessToken, secret, refreshToken } = next;
  return Object.assign(new Connection(), read, values, { accessToken, secret, refreshToken });
}

/**
 * Reads the row, replaces its tokens (and profile values) and audits it, in one transaction:
 * the stored row as it is then (tokens sealed). `ConnectionGoneError` when there is none.
 */
export function writeTokens(
  manager: EntityManager,
  sealer: ConnectionTokenSealer,
  id: string,
  tokens: ConnectionTokens,
  profile: ProfileUpdate,
): Promise<Connection> {
  return inWriteTransaction(manager, async (transaction) => {
    const rows = transaction.getRepository(Connection);
    const current = await rows.findOneBy({ id });
    if (!current) throw new ConnectionGoneError(id);
    // RFC 6749 §6: a refresh token is replaced only when a new one is issued; a login that
    // asks for none (Google without access_type=offline) must not erase the one a connect
    // obtained. It is re-sealed with the rest, so the whole row stays under the current key.
    const kept =
      tokens.refreshToken == null ? keptRefreshToken(sealer, current) : tokens.refreshToken;
    const next = { ...tokens, refreshToken: kept, scope: tokens.scope ?? current.scope };
    await rows.update(
      { id },
      {
        ...next,
        // The user id is bound into the ciphertext; it never changes for a row.
        ...sealer.seal(id, current.userId, next),
        ...fitProfileValues(profile),
        status: 'active',
        statusReason: null,
      },
    );
    await auditInTransaction(transaction, { action: 'updated', connection: current });
    return rows.findOneByOrFail({ id });
  });
}

/** The stored refresh token in plaintext, or null when there is none or it cannot be read. */
export function keptRefreshToken(sealer: ConnectionTokenSealer, row: Connection): string | null {
  try {
    return sealer.open(row).refreshToken ?? null;
  } catch {
    return null;
  }
}
