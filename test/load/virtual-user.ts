import { TestBrowser } from '../support/browser.js';
import { answerConsent } from '../support/consent.js';
import { readPage, submit } from '../support/sample-app.js';

export const PROVIDERS = [
  ['twitter', 'Twitter'],
  ['facebook', 'Facebook'],
  ['google', 'Google'],
  ['foursquare', 'foursquare'],
] as const;

/** How one virtual user's script went: the flows completed, and the first step that did not. */
export interface VirtualUserRun {
  email: string;
  connected: string[];
  loggedIn: string[];
  failure?: { step: string; status: number };
}

/**
 * A person on the sample, through the load balancer: registers, connects each provider (a
 * generated account of their own at each), logs out, and logs back in with each provider.
 * Eight complete OAuth flows. Stops at the first step that does not end where it should.
 */
export async function runVirtualUser(appUrl: string, id: string): Promise<VirtualUserRun> {
  const browser = new TestBrowser();
  const run: VirtualUserRun = { email: `${id}@load.example`, connected: [], loggedIn: [] };
  const identity = `gen-${id}`;
  const step = async (
    name: string,
    act: () => Promise<{ status: number; text: string }>,
    expected: (text: string) => boolean,
  ) => {
    try {
      const page = await act();
      if (page.status === 200 && expected(page.text)) return true;
      run.failure = { step: name, status: page.status };
    } catch {
      // Not the page the step goes through (e.g. an error page instead of the consent page).
      run.failure = { step: name, status: -1 };
    }
    return false;
  };
  const hello = (text: string) => readPage(text).title === `Hello ${run.email}`;
  const loggedOut = (text: string) => readPage(text).title === 'Log in';
  /** A provider round trip: the start form, then Allow at the consent page. */
  const roundTrip = (path: string, form?: Record<string, string>) => async () =>
    answerConsent(browser, await submit(browser, appUrl, path, form), 'allow', identity);
  const logout = () => step('logout', () => submit(browser, appUrl, '/logout'), loggedOut);

  const registered = await step(
    'register',
    () =>
      submit(browser, appUrl, '/register', { email: run.email, password: 'load test password' }),
    hello,
  );
  if (!registered) return run;
  for (const [provider, name] of PROVIDERS) {
    const established = (text: string) =>
      readPage(text).flashes.includes(`Connection established to ${name}`);
    const path = `/connect/${provider}`;
    if (!(await step(`connect ${provider}`, roundTrip(path, { next: '/profile' }), established))) {
      return run;
    }
    run.connected.push(provider);
  }
  if (!(await logout())) return run;
  for (const [provider] of PROVIDERS) {
    if (!(await step(`login ${provider}`, roundTrip(`/login/${provider}`), hello))) return run;
    run.loggedIn.push(provider);
    if (!(await logout())) return run;
  }
  return run;
}

/** Runs `count` virtual users, `inFlight` at a time. */
export async function runVirtualUsers(
  appUrl: string,
  prefix: string,
  count: number,
  inFlight: number,
) {
  const runs: VirtualUserRun[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const id = `${prefix}-${next++}`;
        runs.push(await runVirtualUser(appUrl, id));
      }
    }),
  );
  return runs;
}
