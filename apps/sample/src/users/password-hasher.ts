import { hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';

/** argon2id password hashes (the library's defaults: OWASP's minimum of 19 MiB, 2 passes). */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password);
  }

  /** Whether `password` matches a hash made by `hash`; false for a missing or malformed one. */
  async verify(password: string, stored: string | null): Promise<boolean> {
    if (!stored) return false;
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }
}
