import type { Locator, Page } from 'playwright-core';

/**
 * The sample's providers as it names them (the four built-in ones and its extra OpenID Connect
 * provider), how each shows Alice once connected, and whether that name links to her profile
 * there (Google's userinfo and the sandbox issuer's claims have no profile URL).
 */
export const PROVIDERS = [
  { id: 'twitter', name: 'Twitter', alice: '@alice_sandbox', profileLink: true },
  { id: 'facebook', name: 'Facebook', alice: 'Alice Anders', profileLink: true },
  { id: 'google', name: 'Google', alice: 'Alice Anders', profileLink: false },
  { id: 'foursquare', name: 'foursquare', alice: 'Alice Anders', profileLink: true },
  { id: 'oidc', name: 'OpenID Connect', alice: 'alice', profileLink: false },
] as const;

/**
 * A sandbox identity, as its consent-page radio button begins ("Alice Anders (alice@…)"); on
 * Facebook, Bob is "Bob James Brown".
 */
export type Identity = 'Alice Anders' | 'Bob Brown' | 'Carol Clark';

/** The page's level-1 heading with exactly this text. */
export function heading(page: Page, text: string): Locator {
  return page.getByRole('heading', { level: 1, name: text, exact: true });
}

/**
 * Waits until the page shows the flash message `text` (a locator only the page reached by the
 * last action has, so this is also the wait for that navigation), then returns every flash.
 */
export async function flashesOnceShown(page: Page, text: string | RegExp): Promise<string[]> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
  await page.waitForLoadState();
  return page.getByRole('status').getByRole('listitem').allTextContents();
}

/** The /profile table row of a provider. */
export function profileRow(page: Page, providerName: string): Locator {
  return page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: providerName, exact: true }) });
}

/** Creates a local account on /register; ends on the new user's profile. */
export async function register(page: Page, appUrl: string, email: string): Promise<void> {
  await page.goto(`${appUrl}/register`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await heading(page, `Hello ${email}`).waitFor();
}

/** On the sandbox's consent page (waited for): picks an identity and presses Allow or Deny. */
export async function answerConsent(
  page: Page,
  decision: 'Allow' | 'Deny',
  identity: Identity = 'Alice Anders',
): Promise<void> {
  await page.getByRole('radio', { name: identity }).check();
  await page.getByRole('button', { name: decision, exact: true }).click();
}

/** Presses "Log out" and waits for the log-in page it leads to. */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await flashesOnceShown(page, 'You have been logged out');
}

/**
 * Where the page is: its path and query on the app, or the whole URL elsewhere. The fragment is
 * left out: Facebook (and the sandbox, like it) appends `#_=_` to its redirect back.
 */
export function appPath(page: Page, appUrl: string): string {
  const url = new URL(page.url());
  return url.origin === appUrl ? url.pathname + url.search : url.href;
}
