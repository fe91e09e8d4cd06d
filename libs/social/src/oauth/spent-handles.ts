/**
 * Handles already taken in this process. express-session loads and saves a session whole, so two
 * concurrent callbacks of one browser both see the pending round trip; the first to take it
 * records it here (synchronously: no other request runs in between), and the second is refused
 * before any call to the provider. One per module instance. A handle is remembered only until
 * its round trip expires: a stale copy of the session saved back later (express-session saves
 * it whole) holds it no longer than that, so memory is bounded by the callbacks of one
 * round-trip lifetime, not by the process's age.
 */
export class SpentHandles {
  private readonly spent = new Map<string, number>();

  /** Records a handle whose round trip lives until `expiresAt`; false when it was already spent. */
  spend(key: string, expiresAt: number, now = Date.now()): boolean {
    this.sweep(now);
    if (this.spent.has(key)) return false;
    this.spent.set(key, expiresAt);
    return true;
  }

  private sweep(now: number) {
    // Insertion order is nearly expiry order (round trips live alike, taken in the order they
    // come back): stop at the first live entry, and a later one that outlived it waits a turn.
    for (const [key, expiresAt] of this.spent) {
      if (expiresAt > now) break;
      this.spent.delete(key);
    }
  }
}
