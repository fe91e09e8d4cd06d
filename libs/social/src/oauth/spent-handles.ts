import { ROUND_TRIP_TTL_MS } from './oauth-state.store.js';

/**
 * Handles already taken in this process. express-session loads and saves a session whole, so two
 * concurrent callbacks of one browser both see the pending round trip; the first to take it
 * records it here (synchronously: no other request runs in between), and the second is refused
 * before any call to the provider. One per module instance.
 */
export class SpentHandles {
  private readonly spent = new Map<string, number>();

  /** Records a handle; false when it was already spent. */
  spend(key: string, now = Date.now()): boolean {
    this.sweep(now);
    if (this.spent.has(key)) return false;
    this.spent.set(key, now + ROUND_TRIP_TTL_MS);
    return true;
  }

  private sweep(now: number) {
    // Insertion order is expiry order: stop at the first live entry.
    for (const [key, expiresAt] of this.spent) {
      if (expiresAt > now) break;
      this.spent.delete(key);
    }
  }
}
