import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appSourceFiles, README_APP_DIR, readmeInstall, readmeSnippets } from './readme-app.js';

// The pack-and-install test builds its fresh apps from test/package/app; this keeps the README's
// setup section the very same text, so what a reader pastes is what CI boots.
describe("the README's setup section", () => {
  it('shows every file of the app the pack-and-install test runs, verbatim', () => {
    const snippets = readmeSnippets();
    expect([...snippets.keys()].sort()).toEqual(appSourceFiles());
    for (const file of appSourceFiles()) {
      expect(snippets.get(file), file).toBe(readFileSync(join(README_APP_DIR, file), 'utf8'));
    }
  });

  it('installs the library with its peers and the provider package of the app', () => {
    const { dependencies, devDependencies } = readmeInstall();
    expect(dependencies).toEqual(
      expect.arrayContaining([
        'nestjs-social',
        '@nestjs/passport',
        'passport',
        '@nestjs/typeorm',
        'typeorm',
        '@nestjs/event-emitter',
        '@nestjs/config',
        'express-session',
        'passport-google-oauth20',
      ]),
    );
    expect(devDependencies).toContain('@types/express-session');
  });
});
