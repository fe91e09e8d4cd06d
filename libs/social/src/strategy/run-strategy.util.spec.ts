import { Strategy } from 'passport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runStrategy } from './run-strategy.util.js';

/** A passport strategy whose authenticate() does whatever the test says, with `this` as passport gives it. */
class FakeStrategy extends Strategy {
  readonly calls: { req: unknown; options: unknown }[] = [];
  constructor(private readonly behave: (self: any, req: any, options: any) => void) {
    super();
  }
  override authenticate(req: any, options?: any): void {
    this.calls.push({ req, options });
    this.behave(this, req, options);
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('runStrategy', () => {
  it('resolves with success, the user and the info', async () => {
    const s = new FakeStrategy((self) => self.success({ id: 'u1' }, { state: { flow: 'login' } }));
    expect(await runStrategy(s, {}, {}, 1000)).toEqual({
      kind: 'success',
      user: { id: 'u1' },
      info: { state: { flow: 'login' } },
    });
  });

  it('resolves with fail, the challenge and the status', async () => {
    const s = new FakeStrategy((self) => self.fail({ message: 'state' }, 403));
    expect(await runStrategy(s, {}, {}, 1000)).toEqual({
      kind: 'fail',
      challenge: { message: 'state' },
      status: 403,
    });
  });

  it('reads fail(status) with a number as the status, as passport does', async () => {
    const s = new FakeStrategy((self) => self.fail(401));
    expect(await runStrategy(s, {}, {}, 1000)).toEqual({
      kind: 'fail',
      challenge: undefined,
      status: 401,
    });
  });

  it('resolves with fail without a status when the strategy gives none (a denial)', async () => {
    const s = new FakeStrategy((self) => self.fail({ message: 'User denied' }));
    expect(await runStrategy(s, {}, {}, 1000)).toEqual({
      kind: 'fail',
      challenge: { message: 'User denied' },
      status: undefined,
    });
  });

  it('resolves with the redirect URL', async () => {
    const s = new FakeStrategy((self) => self.redirect('https://provider.test/authorize?x=1'));
    expect(await runStrategy(s, {}, {}, 1000)).toEqual({
      kind: 'redirect',
      url: 'https://provider.test/authorize?x=1',
    });
  });

  it('resolves with the error the strategy reports', async () => {
    const error = new Error('token endpoint down');
    const s = new FakeStrategy((self) => self.error(error));
    expect(await runStrategy(s, {}, {}, 1000)).toEqual({ kind: 'error', error });
  });

  it('turns an exception thrown by authenticate() into an error outcome', async () => {
    const error = new TypeError('bug in strategy');
    const s = new FakeStrategy(() => {
      throw error;
    });
    expect(await runStrategy(s, {}, {}, 1000)).toEqual({ kind: 'error', error });
  });

  it('turns pass() into an error outcome', async () => {
    const s = new FakeStrategy((self) => self.pass());
    const outcome = await runStrategy(s, {}, {}, 1000);
    expect(outcome.kind).toBe('error');
    expect((outcome as { error: Error }).error.message).toMatch(/passed the request on/);
  });

  it('resolves with timeout when the strategy never finishes, and ignores a late answer', async () => {
    vi.useFakeTimers();
    let finish: (() => void) | undefined;
    const s = new FakeStrategy((self) => {
      finish = () => self.success({ id: 'late' }, {});
    });
    const running = runStrategy(s, {}, {}, 8000);
    await vi.advanceTimersByTimeAsync(7999);
    let settled = false;
    void running.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await running).toEqual({ kind: 'timeout' });
    finish!();
    expect(await running).toEqual({ kind: 'timeout' });
  });

  it('clears its timer once the strategy has answered', async () => {
    vi.useFakeTimers();
    const s = new FakeStrategy((self) => self.redirect('/x'));
    await runStrategy(s, {}, {}, 8000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps the first outcome when a strategy answers twice', async () => {
    const s = new FakeStrategy((self) => {
      self.success({ id: 'u1' }, {});
      self.error(new Error('after the fact'));
    });
    expect((await runStrategy(s, {}, {}, 1000)).kind).toBe('success');
  });

  it('settles from an asynchronous answer', async () => {
    const s = new FakeStrategy((self) => {
      setImmediate(() => self.fail({ message: 'later' }, 403));
    });
    expect(await runStrategy(s, {}, {}, 1000)).toMatchObject({ kind: 'fail', status: 403 });
  });

  it('passes the request and options through', async () => {
    const req = { query: { code: 'c' } };
    const s = new FakeStrategy((self) => self.redirect('/x'));
    await runStrategy(s, req, { callbackURL: 'https://app.test/cb' }, 1000);
    expect(s.calls).toEqual([{ req, options: { callbackURL: 'https://app.test/cb' } }]);
  });

  it('gives concurrent runs of one strategy instance their own outcomes, and leaves the instance untouched', async () => {
    const s = new FakeStrategy((self, req) => {
      setImmediate(() => self.success({ id: req.id }, {}));
    });
    const [a, b] = await Promise.all([
      runStrategy(s, { id: 'a' }, {}, 1000),
      runStrategy(s, { id: 'b' }, {}, 1000),
    ]);
    expect(a).toMatchObject({ kind: 'success', user: { id: 'a' } });
    expect(b).toMatchObject({ kind: 'success', user: { id: 'b' } });
    expect(Object.hasOwn(s, 'success')).toBe(false);
    expect(Object.hasOwn(s, 'redirect')).toBe(false);
  });
});
