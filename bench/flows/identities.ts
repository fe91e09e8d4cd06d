/**
 * The provider identities of one app's run: each sign-up a new one; each returning login one
 * that had signed up before the last `settle()` (round robin, so concurrent flows never share
 * an account, and never one whose sign-up is still in flight).
 */
export class Identities {
  private readonly signedUp: string[] = [];
  private settled: readonly string[] = [];

  fresh(): string {
    const sub = `10${String(this.signedUp.length).padStart(9, '0')}`;
    this.signedUp.push(sub);
    return sub;
  }

  /** Every identity handed out so far has finished signing up. */
  settle(): void {
    this.settled = [...this.signedUp];
  }

  known(index: number): string {
    if (this.settled.length === 0) throw new Error('no identity has signed up yet');
    return this.settled[index % this.settled.length]!;
  }
}
