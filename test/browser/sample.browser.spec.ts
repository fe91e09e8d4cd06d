import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useChromium, useSampleInBrowser, VIEWPORT } from './browser-harness.js';
import {
  appPath,
  answerConsent,
  flashesOnceShown,
  heading,
  logOut,
  PROVIDERS,
  profileRow,
  register,
} from './sample-steps.js';

const chromium = useChromium();

describe('the sample app, driven in Chromium', () => {
  const ui = useSampleInBrowser(chromium);

  describe.each(PROVIDERS)('with $name', (provider) => {
    it('connects, logs in with, disconnects, then refuses a login with no account', async () => {
      const { page, appUrl } = ui;
      const email = `${provider.id}-user@example.com`;
      await register(page, appUrl, email);

      await page.getByRole('button', { name: `Connect ${provider.name}` }).click();
      await answerConsent(page, 'Allow', 'Alice Anders');
      expect(await flashesOnceShown(page, `Connection established to ${provider.name}`)).toEqual([
        `Connection established to ${provider.name}`,
      ]);
      const row = profileRow(page, provider.name);
      await (
        provider.profileLink
          ? row.getByRole('link', { name: provider.alice, exact: true })
          : row.getByText(provider.alice, { exact: true })
      ).waitFor();
      await row.getByRole('button', { name: `Disconnect ${provider.name}` }).waitFor();
      // Her picture, from the sandbox, is in (the wait for the flash waited for the load event).
      const avatar = row.locator('img.avatar');
      expect(await avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(100);

      await logOut(page);
      await page.getByRole('button', { name: `Log in with ${provider.name}` }).click();
      await answerConsent(page, 'Allow', 'Alice Anders');
      await heading(page, `Hello ${email}`).waitFor();
      expect(appPath(page, appUrl)).toBe('/profile');

      await page.getByRole('button', { name: `Disconnect ${provider.name}` }).click();
      expect(await flashesOnceShown(page, `All connections to ${provider.name} removed`)).toEqual([
        `All connections to ${provider.name} removed`,
      ]);
      await row.getByRole('button', { name: `Connect ${provider.name}` }).waitFor();
      expect(await row.getByText(provider.alice, { exact: true }).count()).toBe(0);

      await logOut(page);
      await page.getByRole('button', { name: `Log in with ${provider.name}` }).click();
      await answerConsent(page, 'Allow', 'Alice Anders');
      expect(
        await flashesOnceShown(
          page,
          `${provider.name} account not associated with an existing user`,
        ),
      ).toEqual([`${provider.name} account not associated with an existing user`]);
      expect(appPath(page, appUrl)).toBe('/register/provider');
      expect(await page.getByLabel('Email').inputValue()).toBe('alice@example.com');
      await page
        .getByRole('button', { name: `Create an account with this ${provider.name} profile` })
        .waitFor();
    });
  });

  it('signs up through Google as Carol, who has no email: the person types one', async () => {
    const { page, appUrl } = ui;
    await page.goto(`${appUrl}/login`);
    await page.getByRole('button', { name: 'Log in with Google' }).click();
    await answerConsent(page, 'Allow', 'Carol Clark');
    expect(
      await flashesOnceShown(page, 'Google account not associated with an existing user'),
    ).toEqual(['Google account not associated with an existing user']);
    expect(await page.getByLabel('Email').inputValue()).toBe('');

    await page.getByLabel('Email').fill('carol@example.org');
    await page.getByRole('button', { name: 'Create an account with this Google profile' }).click();
    expect(await flashesOnceShown(page, 'Your account was created')).toEqual([
      'Your account was created',
    ]);
    await heading(page, 'Hello carol@example.org').waitFor();
    const google = profileRow(page, 'Google');
    await google.getByText('Carol Clark', { exact: true }).waitFor();
    await google.getByRole('button', { name: 'Disconnect Google' }).waitFor();
  });

  it('stays unconnected when the person presses Deny on the consent page of a connect', async () => {
    const { page, appUrl } = ui;
    await register(page, appUrl, 'denies-twitter@example.com');
    await page.getByRole('button', { name: 'Connect Twitter' }).click();
    await answerConsent(page, 'Deny');
    expect(await flashesOnceShown(page, 'Access was denied by Twitter')).toEqual([
      'Access was denied by Twitter',
    ]);
    expect(appPath(page, appUrl)).toBe('/profile');
    await profileRow(page, 'Twitter').getByRole('button', { name: 'Connect Twitter' }).waitFor();
  });

  it('stays logged out when the person presses Deny on the consent page of a login', async () => {
    const { page, appUrl } = ui;
    await page.goto(`${appUrl}/login`);
    await page.getByRole('button', { name: 'Log in with Facebook' }).click();
    await answerConsent(page, 'Deny');
    expect(await flashesOnceShown(page, 'Access was denied to your Facebook account')).toEqual([
      'Access was denied to your Facebook account',
    ]);
    expect(appPath(page, appUrl)).toBe('/login');
    await page.goto(`${appUrl}/profile`);
    expect(await flashesOnceShown(page, 'Please log in to access this page.')).toEqual([
      'Please log in to access this page.',
    ]);
    expect(appPath(page, appUrl)).toBe('/login?next=%2Fprofile');
  });

  it('posts a status to Twitter once connected', async () => {
    const { page, appUrl } = ui;
    await register(page, appUrl, 'posts-status@example.com');
    await page.getByRole('button', { name: 'Connect Twitter' }).click();
    await answerConsent(page, 'Allow', 'Bob Brown');
    await flashesOnceShown(page, 'Connection established to Twitter');

    await page.getByLabel('Status for Twitter').fill('Hello from the sample');
    await page.getByRole('button', { name: 'Post to Twitter' }).click();
    const flashes = await flashesOnceShown(page, /^Posted to Twitter/);
    expect(flashes).toHaveLength(1);
    expect(flashes[0]).toMatch(/^Posted to Twitter \(id \w+\)$/);
  });
});

/** The README's pictures: written by the test below, committed with the README. */
const LOGIN_PNG = fileURLToPath(new URL('../../docs/login.png', import.meta.url));
const PROFILE_PNG = fileURLToPath(new URL('../../docs/profile.png', import.meta.url));

describe('the README screenshots', () => {
  // A sample of its own: a fresh database, so ada@example.com and Alice are free, every run.
  const ui = useSampleInBrowser(chromium);

  it('captures the README screenshots', async () => {
    const { page, appUrl } = ui;
    mkdirSync(fileURLToPath(new URL('../../docs/', import.meta.url)), { recursive: true });
    rmSync(LOGIN_PNG, { force: true });
    rmSync(PROFILE_PNG, { force: true });

    await page.goto(`${appUrl}/login`);
    await page.screenshot({ path: LOGIN_PNG });

    await register(page, appUrl, 'ada@example.com');
    for (const provider of PROVIDERS) {
      await page.getByRole('button', { name: `Connect ${provider.name}` }).click();
      await answerConsent(page, 'Allow', 'Alice Anders');
      await flashesOnceShown(page, `Connection established to ${provider.name}`);
    }
    // Loaded afresh (goto waits for the load event, avatars included), without the last flash.
    await page.goto(`${appUrl}/profile`);
    expect(await page.getByRole('button', { name: /^Disconnect / }).count()).toBe(PROVIDERS.length);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: PROFILE_PNG });

    expect(pngSize(readFileSync(LOGIN_PNG))).toEqual(VIEWPORT);
    expect(pngSize(readFileSync(PROFILE_PNG))).toEqual(VIEWPORT);
  });
});

/** Width and height from a PNG's signature and IHDR chunk; throws on anything else. */
function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature)) throw new Error('Not a PNG');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
