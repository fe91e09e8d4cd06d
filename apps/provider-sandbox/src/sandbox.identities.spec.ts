import { describe, expect, it } from 'vitest';
import { findIdentity, SANDBOX_IDENTITIES } from './sandbox.identities.js';

describe('findIdentity', () => {
  it('finds the cast by key', () => {
    expect(findIdentity('google', 'alice')).toBe(SANDBOX_IDENTITIES.google[0]);
  });

  it('generates a stable, distinct identity for a gen-<name> key', () => {
    const a = findIdentity('twitter', 'gen-load-1')!;
    expect(a).toMatchObject({
      key: 'gen-load-1',
      name: 'Generated load-1',
      email: 'gen-load-1@example.org',
    });
    expect(a.id).toMatch(/^9\d{17}$/);
    expect(findIdentity('twitter', 'gen-load-1')).toEqual(a);
    expect(findIdentity('twitter', 'gen-load-2')!.id).not.toBe(a.id);
  });

  it.each(['gen-', 'gen-UPPER', 'gen-has space', `gen-${'x'.repeat(41)}`, 'generated', 'dave'])(
    'knows no identity %j',
    (key) => {
      expect(findIdentity('google', key)).toBeUndefined();
    },
  );
});
