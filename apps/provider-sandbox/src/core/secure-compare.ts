import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares two secrets in constant time (hashing first so the lengths need not match). */
export function secureEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
