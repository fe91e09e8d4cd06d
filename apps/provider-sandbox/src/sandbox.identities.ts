import { createHash } from 'node:crypto';
import type { SandboxIdentity, SandboxProviderId } from './sandbox.types.js';

// One cast of people shared by every provider, so a test can reason about "alice" anywhere.
const ALICE = { key: 'alice', name: 'Alice Anders', givenName: 'Alice', familyName: 'Anders' };
const BOB = { key: 'bob', name: 'Bob Brown', givenName: 'Bob', familyName: 'Brown' };
const CAROL = { key: 'carol', name: 'Carol Clark', givenName: 'Carol', familyName: 'Clark' };
const ALICE_EMAIL = 'alice@example.com';
const BOB_EMAIL = 'bob@example.net';

/**
 * Test identities per provider, in consent-page order (the first one is preselected).
 * Ids are deterministic; carol has no email anywhere; on Google alice's email is verified and
 * bob's is not.
 */
export const SANDBOX_IDENTITIES: Record<SandboxProviderId, SandboxIdentity[]> = {
  twitter: [
    {
      ...ALICE,
      id: '1000000001',
      username: 'alice_sandbox',
      email: ALICE_EMAIL,
      location: 'Lisbon, Portugal',
      description: 'Sandbox test identity.',
      createdAt: '2012-03-04T05:06:07Z',
    },
    {
      ...BOB,
      id: '1000000002',
      username: 'bob_sandbox',
      email: BOB_EMAIL,
      location: '',
      description: '',
      createdAt: '2015-06-07T08:09:10Z',
    },
    {
      ...CAROL,
      id: '1000000003',
      username: 'carol_sandbox',
      location: 'Nowhere',
      description: 'No email on file.',
      createdAt: '2019-10-11T12:13:14Z',
    },
  ],
  facebook: [
    {
      ...ALICE,
      id: '100000000000001',
      email: ALICE_EMAIL,
      gender: 'female',
      createdAt: '2010-01-02T03:04:05Z',
    },
    {
      ...BOB,
      name: 'Bob James Brown',
      middleName: 'James',
      id: '100000000000002',
      email: BOB_EMAIL,
      gender: 'male',
      createdAt: '2011-02-03T04:05:06Z',
    },
    { ...CAROL, id: '100000000000003', createdAt: '2013-04-05T06:07:08Z' },
  ],
  google: [
    {
      ...ALICE,
      id: '110000000000000000001',
      email: ALICE_EMAIL,
      emailVerified: true,
      hostedDomain: 'example.com',
      locale: 'en',
      createdAt: '2009-05-06T07:08:09Z',
    },
    {
      ...BOB,
      id: '110000000000000000002',
      email: BOB_EMAIL,
      emailVerified: false,
      locale: 'en-GB',
      createdAt: '2014-07-08T09:10:11Z',
    },
    { ...CAROL, id: '110000000000000000003', locale: 'de', createdAt: '2018-08-09T10:11:12Z' },
  ],
  foursquare: [
    {
      ...ALICE,
      id: '10000001',
      email: ALICE_EMAIL,
      gender: 'female',
      createdAt: '2011-09-10T11:12:13Z',
    },
    { ...BOB, id: '10000002', email: BOB_EMAIL, gender: 'male', createdAt: '2012-10-11T12:13:14Z' },
    { ...CAROL, id: '10000003', gender: 'none', createdAt: '2016-11-12T13:14:15Z' },
  ],
  // A company issuer (Keycloak, Okta...): UUID subjects, usernames, email_verified per account.
  oidc: [
    {
      ...ALICE,
      id: '7d1f0a52-6c1e-4d4b-9a40-a11ce0000001',
      username: 'alice',
      email: ALICE_EMAIL,
      emailVerified: true,
      locale: 'en',
      createdAt: '2020-01-02T03:04:05Z',
    },
    {
      ...BOB,
      id: '7d1f0a52-6c1e-4d4b-9a40-b0b000000002',
      username: 'bob',
      email: BOB_EMAIL,
      emailVerified: false,
      createdAt: '2021-02-03T04:05:06Z',
    },
    {
      ...CAROL,
      id: '7d1f0a52-6c1e-4d4b-9a40-ca7010000003',
      username: 'carol',
      createdAt: '2022-03-04T05:06:07Z',
    },
  ],
  // GitHub: numeric ids, logins; alice's primary email verified, bob's not, carol has none.
  github: [
    {
      ...ALICE,
      id: '5830001',
      username: 'alice-sandbox',
      email: ALICE_EMAIL,
      emailVerified: true,
      location: 'Lisbon',
      createdAt: '2013-04-05T06:07:08Z',
    },
    {
      ...BOB,
      id: '5830002',
      username: 'bob-sandbox',
      email: BOB_EMAIL,
      emailVerified: false,
      createdAt: '2016-05-06T07:08:09Z',
    },
    { ...CAROL, id: '5830003', username: 'carol-sandbox', createdAt: '2019-06-07T08:09:10Z' },
  ],
};

/**
 * The identity a consent answer names: one of the cast above, or a generated one for load tests
 * and benchmarks that need many distinct accounts: `gen-<letters, digits, "-">` (up to 40),
 * with an id, name and email derived from the key, the same every time.
 */
export function findIdentity(
  provider: SandboxProviderId,
  key: string,
): SandboxIdentity | undefined {
  return SANDBOX_IDENTITIES[provider].find((identity) => identity.key === key) ?? generated(key);
}

const GENERATED_KEY = /^gen-[a-z0-9-]{1,40}$/;

function generated(key: string): SandboxIdentity | undefined {
  if (!GENERATED_KEY.test(key)) return undefined;
  // A numeric id, as every provider's, from the key's hash: 18 digits, starting 9.
  const digits = BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 15)}`);
  const name = key.slice(4);
  return {
    key,
    id: `9${digits.toString().padStart(17, '0').slice(0, 17)}`,
    name: `Generated ${name}`,
    givenName: 'Generated',
    familyName: name,
    username: key.replace(/-/g, '_'),
    email: `${key}@example.org`,
    emailVerified: true,
    createdAt: '2020-01-01T00:00:00Z',
  };
}
