/** The apps the bench compares, each run in its own process. */
export type AppId = 'floor' | 'hand-written' | 'nestjs-social';

export interface AppUnderTest {
  id: AppId;
  /** Its row in the results. */
  label: string;
  entry: URL;
  /** The request that starts a sign-in (nestjs-social's is a same-origin POST, as its form sends). */
  start: { method: 'GET' | 'POST'; path: string };
}

export const APPS: readonly AppUnderTest[] = [
  {
    id: 'floor',
    label: 'floor',
    entry: new URL('../apps/floor/main.js', import.meta.url),
    start: { method: 'GET', path: '/login' },
  },
  {
    id: 'hand-written',
    label: 'hand-written Nest',
    entry: new URL('../apps/hand-written/main.js', import.meta.url),
    start: { method: 'GET', path: '/auth/google' },
  },
  {
    id: 'nestjs-social',
    label: 'nestjs-social',
    entry: new URL('../apps/nestjs-social/main.js', import.meta.url),
    start: { method: 'POST', path: '/login/google' },
  },
];

export function appById(id: AppId): AppUnderTest {
  const app = APPS.find((candidate) => candidate.id === id);
  if (!app) throw new Error(`No app "${id}"; the apps are ${APPS.map((a) => a.id).join(', ')}`);
  return app;
}
