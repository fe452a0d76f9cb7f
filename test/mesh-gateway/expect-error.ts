import { ExposeErrors } from '../../src';

/**
 * Run `fn` and assert it throws the library's ExposeError naming `prop` and
 * `value` (formatted as in the message) and carrying a fix. Returns the message.
 */
export function expectExposeError(fn: () => unknown, prop: string, value: unknown, problem?: RegExp): string {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error(`expected an ExposeError for ${prop}, nothing was thrown`);
  expect(ExposeErrors.isExposeError(thrown)).toBe(true);
  const message = (thrown as Error).message;
  const shown = value === undefined ? '(unset)' : JSON.stringify(value);
  expect(message).toContain(`: ${prop}=${shown}: `);
  expect(message).toMatch(/\. Fix: \S/);
  if (problem) expect(message).toMatch(problem);
  return message;
}
