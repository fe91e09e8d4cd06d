import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { answerConsent } from '../support/consent.js';
import { freePort } from '../support/free-port.js';
import {
  answering,
  buildApp,
  createFreshApps,
  type ModuleSystem,
  packLibrary,
  type PackedLibrary,
  type RunningProcess,
  runNode,
} from './fresh-apps.js';
import { ROOT } from './readme-app.js';

// The library as a user gets it: `npm pack` of libs/social from a clean tree, installed from the
// npm registry into fresh Nest apps outside this repository (CommonJS as `nest new` makes them,
// and ESM), built with tsc, booted with the README's sources, and logged in through the
// provider sandbox the package ships. Slow by nature: one install, shared by both apps.
const work = mkdtempSync(join(tmpdir(), 'nestjs-social-pack-'));
let packed: PackedLibrary;
let apps: Record<ModuleSystem, string>;

beforeAll(() => {
  // No build beforehand: prepack must make a complete tarball from sources alone.
  rmSync(join(ROOT, 'libs/social/dist'), { recursive: true, force: true });
  packed = packLibrary(work);
  apps = createFreshApps(work, packed.tarball);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the build, its types and maps, README and LICENSE, and nothing else', () => {
    const { files } = packed;
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'bin/nestjs-social-sandbox.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/index.js.map',
        'dist/testing/index.js',
        'dist/testing/index.d.ts',
        'dist/sandbox/index.js',
        'dist/sandbox/index.d.ts',
      ]),
    );
    expect(files.filter((f) => /\.tsbuildinfo$|\.spec\.|(^|\/)testing\/.*fixture/.test(f))).toEqual(
      [],
    );
    expect(
      files.filter((f) => !/^(dist\/|bin\/|package\.json$|README\.md$|LICENSE$)/.test(f)),
    ).toEqual([]);
  });

  it('has source maps that carry the sources they point at', () => {
    const dist = join(apps.commonjs, 'node_modules/nestjs-social/dist');
    const maps = packed.files.filter((f) => f.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(50);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(
        readFileSync(join(dist, '..', map), 'utf8'),
      ) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(sourcesContent?.length, map).toBe(sources.length);
      expect(
        sourcesContent!.every((text) => typeof text === 'string' && text.length > 0),
        map,
      ).toBe(true);
    }
    expect(existsSync(dist)).toBe(true);
  });

  it("installs into a Google-only app without the other providers' packages", () => {
    const installed = readdirSync(join(apps.commonjs, 'node_modules'));
    expect(installed).toContain('passport-google-oauth20');
    for (const unused of ['passport-twitter', 'passport-facebook', 'passport-foursquare']) {
      expect(installed, unused).not.toContain(unused);
    }
    // Type-only packages stay out of a production install.
    const production = JSON.parse(
      readFileSync(join(apps.commonjs, 'node_modules/nestjs-social/package.json'), 'utf8'),
    ) as { dependencies: Record<string, string> };
    expect(
      Object.keys(production.dependencies).filter((name) => name.startsWith('@types/')),
    ).toEqual([]);
  });
});

describe.each(['commonjs', 'module'] as const)('a fresh %s app with the README setup', (system) => {
  const running: RunningProcess[] = [];
  let appUrl: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    const dir = apps[system];
    buildApp(dir);
    const [appPort, sandboxPort] = [await freePort(), await freePort()];
    appUrl = `http://127.0.0.1:${appPort}`;
    // The sandbox as the README runs it: the package's own command, default clients for APP_URL.
    const sandbox = runNode(dir, ['node_modules/.bin/nestjs-social-sandbox'], {
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_HOST: '127.0.0.1',
      APP_URL: appUrl,
    });
    running.push(sandbox);
    await sandbox.waitFor(/Provider sandbox on/);
    env = {
      PORT: String(appPort),
      APP_URL: appUrl,
      SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
      GOOGLE_CLIENT_ID: 'sandbox-google-key',
      GOOGLE_CLIENT_SECRET: 'sandbox-google-secret',
      SESSION_SECRET: randomBytes(16).toString('hex'),
      SOCIAL_TOKEN_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    };
    // The README's .env, read by ConfigModule.forRoot().
    writeFileSync(
      join(dir, '.env'),
      Object.entries(env)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n'),
    );
  }, 120_000);

  afterAll(async () => {
    for (const child of running) await child.stop();
  });

  it('boots and completes a Google login through the sandbox, then a returning one', async () => {
    const app = runNode(apps[system], ['dist/main.js'], {});
    running.push(app);
    await answering(`${appUrl}/login`, app);

    const browser = new TestBrowser();
    const loginPage = await browser.get(`${appUrl}/login`);
    expect(loginPage.text).toContain('action="/login/google"');

    const consent = await browser.post(`${appUrl}/login/google`);
    const home = await answerConsent(browser, consent, 'allow', 'alice');
    expect(home.url).toBe(`${appUrl}/`);
    const first = JSON.parse(home.text) as {
      userId: string | null;
      google: { displayName: string; email: string } | null;
    };
    expect(first.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.google).toEqual({ displayName: 'Alice Anders', email: 'alice@example.com' });

    await browser.post(`${appUrl}/logout`);
    expect(JSON.parse((await browser.get(`${appUrl}/`)).text)).toMatchObject({ userId: null });

    const again = await answerConsent(
      browser,
      await browser.post(`${appUrl}/login/google`),
      'allow',
    );
    expect(JSON.parse(again.text)).toMatchObject({ userId: first.userId });
    await app.stop();
  }, 60_000);

  it('refuses to boot with Twitter enabled but passport-twitter not installed, naming the fix', async () => {
    const app = runNode(apps[system], ['dist/main.js'], {
      TWITTER_CONSUMER_KEY: 'sandbox-twitter-key',
      TWITTER_CONSUMER_SECRET: 'sandbox-twitter-secret',
    });
    running.push(app);
    expect(await app.exited).not.toBe(0);
    expect(app.output.join('\n')).toContain(
      'providers.twitter needs the package passport-twitter: npm install passport-twitter',
    );
  }, 60_000);
});
