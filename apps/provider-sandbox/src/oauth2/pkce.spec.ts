import { describe, expect, it } from 'vitest';
import { isPkceValue, s256Challenge, verifyS256 } from './pkce.js';

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256', () => {
  it('derives the RFC 7636 Appendix B challenge', () => {
    expect(s256Challenge(VERIFIER)).toBe(CHALLENGE);
  });

  it('accepts the matching verifier and rejects others', () => {
    expect(verifyS256(VERIFIER, CHALLENGE)).toBe(true);
    expect(verifyS256(`${VERIFIER.slice(0, -1)}l`, CHALLENGE)).toBe(false);
    expect(verifyS256(CHALLENGE, CHALLENGE)).toBe(false);
  });

  it('rejects verifiers outside the RFC 7636 syntax', () => {
    expect(isPkceValue('short')).toBe(false);
    expect(isPkceValue('a'.repeat(129))).toBe(false);
    expect(isPkceValue(`${'a'.repeat(42)}+`)).toBe(false);
    expect(verifyS256('short', s256Challenge('short'))).toBe(false);
  });
});
