import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  NEST_NEW_DEPENDENCIES,
  NEST_NEW_DEV_DEPENDENCIES,
  README_APP_DIR,
  readmeInstall,
  ROOT,
} from './readme-app.js';

const LIBRARY_DIR = join(ROOT, 'libs/social');

/** How an app's TypeScript is emitted: as `nest new` makes it (CommonJS), or ESM (`--type esm`). */
export type ModuleSystem = 'commonjs' | 'module';

/** What `npm pack` made of libs/social. */
export interface PackedLibrary {
  tarball: string;
  files: string[];
}

/** Packs libs/social as a user's `npm pack` / `npm publish` would: its prepack builds it first. */
export function packLibrary(destination: string): PackedLibrary {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: LIBRARY_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, packed!.filename), files: packed!.files.map((f) => f.path) };
}

/** The version package-lock.json pins, so the fresh apps get what the monorepo tests with. */
function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return version;
}

/** package.json of a fresh app: nest new's dependencies plus the README's install lines. */
function appPackageJson(system: ModuleSystem, tarball: string): object {
  const install = readmeInstall();
  const pin = (names: string[]) =>
    Object.fromEntries(
      names.map((name) => [
        name,
        name === 'nestjs-social' ? `file:${tarball}` : lockedVersion(name),
      ]),
    );
  return {
    name: `fresh-${system}-app`,
    version: '0.0.1',
    private: true,
    ...(system === 'module' ? { type: 'module' } : {}),
    scripts: { build: 'tsc -p tsconfig.build.json', 'start:prod': 'node dist/main' },
    dependencies: pin([...NEST_NEW_DEPENDENCIES, ...install.dependencies]),
    devDependencies: pin([...NEST_NEW_DEV_DEPENDENCIES, ...install.devDependencies]),
  };
}

/** tsconfig.json as the ts (CommonJS) and ts-esm templates of @nestjs/schematics 12 write it. */
function appTsconfig(system: ModuleSystem): object {
  return {
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      resolvePackageJsonExports: true,
      esModuleInterop: true,
      isolatedModules: true,
      declaration: true,
      removeComments: true,
      emitDecoratorMetadata: true,
      experimentalDecorators: true,
      allowSyntheticDefaultImports: true,
      target: 'ES2023',
      // The templates add jest's or vitest's globals here; these apps have no tests of their own.
      types: ['node'],
      sourceMap: true,
      outDir: './dist',
      rootDir: '.',
      incremental: true,
      skipLibCheck: true,
      strict: system === 'module',
      strictPropertyInitialization: false,
    },
  };
}

const TSCONFIG_BUILD = {
  extends: './tsconfig.json',
  compilerOptions: { rootDir: './src' },
  include: ['src'],
  exclude: ['node_modules', 'test', 'dist', '**/*spec.ts'],
};

function writeJson(path: string, value: object): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Creates one fresh app per module system under `root` (outside the monorepo), with the
 * README's sources, and installs them from the npm registry, once: the second app shares the
 * first one's node_modules (they declare the same packages).
 */
export function createFreshApps(root: string, tarball: string): Record<ModuleSystem, string> {
  const dirs = { commonjs: join(root, 'cjs-app'), module: join(root, 'esm-app') };
  for (const system of ['commonjs', 'module'] as const) {
    const dir = dirs[system];
    mkdirSync(dir, { recursive: true });
    writeJson(join(dir, 'package.json'), appPackageJson(system, tarball));
    writeJson(join(dir, 'tsconfig.json'), appTsconfig(system));
    writeJson(join(dir, 'tsconfig.build.json'), TSCONFIG_BUILD);
    cpSync(join(README_APP_DIR, 'src'), join(dir, 'src'), { recursive: true });
  }
  // Install scripts off: better-sqlite3's would compile SQLite (minutes on a small machine).
  // The monorepo's binary is the same version built for this same Node, so it is copied in.
  execFileSync(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
    ],
    { cwd: dirs.commonjs, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cpSync(
    join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
    join(dirs.commonjs, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
  );
  symlinkSync(join(dirs.commonjs, 'node_modules'), join(dirs.module, 'node_modules'), 'dir');
  return dirs;
}

/** `npm run build` of a fresh app (tsc, as `nest build` runs it). */
export function buildApp(dir: string): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A child process of a test, with everything it printed. */
export interface RunningProcess {
  readonly output: string[];
  /** Resolves with the exit code once it has exited. */
  readonly exited: Promise<number | null>;
  /** Resolves once a line it printed matches; rejects, with its output, if it exits first. */
  waitFor(line: RegExp): Promise<void>;
  stop(): Promise<void>;
}

/** Runs `node <args>` in `cwd` with only `env` (and PATH, HOME), as a shell would. */
export function runNode(cwd: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const watchers = new Set<{ line: RegExp; done: () => void }>();
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (text) => {
      output.push(text);
      for (const watcher of watchers) if (watcher.line.test(text)) watcher.done();
    });
  }
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const waitFor = (line: RegExp) =>
    new Promise<void>((done, fail) => {
      if (output.some((text) => line.test(text))) return done();
      watchers.add({ line, done });
      void exited.then((code) =>
        fail(new Error(`node ${args.join(' ')} exited with ${code}:\n${output.join('\n')}`)),
      );
    });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return { output, exited, waitFor, stop };
}

/** Resolves once `url` answers at all (Nest logs "started" before it listens). */
export async function answering(url: string, app: RunningProcess): Promise<void> {
  let exited = false;
  void app.exited.then(() => (exited = true));
  while (!exited) {
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 50));
    }
  }
  throw new Error(`${url} never answered:\n${app.output.join('\n')}`);
}
