import { SocialOptionsError } from '../social.exceptions.js';
import type { AuditOptions, RevocationOptions } from './social-options.interface.js';

/** The revocation worker's settings, defaults applied. */
export type ResolvedRevocation = Required<RevocationOptions>;

/** The audit trail's settings, defaults applied. */
export type ResolvedAudit = Required<AuditOptions>;

const REVOCATION_DEFAULTS: ResolvedRevocation = {
  intervalMs: 30_000,
  maxAttempts: 10,
  baseDelayMs: 30_000,
  maxDelayMs: 6 * 60 * 60_000,
  batchSize: 20,
};

const AUDIT_DEFAULTS: ResolvedAudit = { retentionDays: 365 };

/** `revocation` with its defaults; a value that is not a number in range stops the boot. */
export function resolveRevocation(options: RevocationOptions | undefined): ResolvedRevocation {
  const resolved = {
    ...REVOCATION_DEFAULTS,
    ...definedOf(options, 'revocation', REVOCATION_DEFAULTS),
  };
  integerAtLeast(resolved.intervalMs, 0, 'revocation.intervalMs');
  integerAtLeast(resolved.maxAttempts, 1, 'revocation.maxAttempts');
  integerAtLeast(resolved.baseDelayMs, 1, 'revocation.baseDelayMs');
  integerAtLeast(resolved.maxDelayMs, resolved.baseDelayMs, 'revocation.maxDelayMs');
  integerAtLeast(resolved.batchSize, 1, 'revocation.batchSize');
  return resolved;
}

/** `audit` with its defaults. */
export function resolveAudit(options: AuditOptions | undefined): ResolvedAudit {
  const resolved = { ...AUDIT_DEFAULTS, ...definedOf(options, 'audit', AUDIT_DEFAULTS) };
  integerAtLeast(resolved.retentionDays, 1, 'audit.retentionDays');
  return resolved;
}

function definedOf<T extends object>(options: T | undefined, name: string, known: T): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw new SocialOptionsError(`${name} must be an object`);
  }
  for (const key of Object.keys(options)) {
    if (!(key in known)) {
      throw new SocialOptionsError(
        `unknown option "${name}.${key}"; valid ones are ${Object.keys(known).join(', ')}`,
      );
    }
  }
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function integerAtLeast(value: number, min: number, name: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new SocialOptionsError(`${name} must be an integer of at least ${min}, got ${value}`);
  }
}
