import { hash, verify } from '@node-rs/argon2';

/** An argon2id hash (the library's defaults: OWASP's minimum of 19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether `password` matches a hash made by `hashPassword`; false for accounts without one. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
