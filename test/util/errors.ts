import { ExposeErrors } from '../../src';

/** The ExposeError thrown by `f` (fails when `f` does not throw one). */
export function exposeError(f: () => unknown): any {
  try {
    f();
  } catch (e) {
    expect(ExposeErrors.isExposeError(e)).toBe(true);
    return e;
  }
  throw new Error('expected an ExposeError');
}

/** Run `fn`, expect an ExposeError whose message names every fragment and a fix; returns the message. */
export function expectError(fn: () => unknown, ...fragments: string[]): string {
  const message: string = exposeError(fn).message;
  for (const f of fragments) expect(message).toContain(f);
  expect(message).toMatch(/Fix: .+/);
  return message;
}
