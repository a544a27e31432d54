/**
 * The default branch of an exhaustive `switch` over a union (a network, a
 * state): the compiler rejects the call as soon as a new member is added and
 * not handled, and at run time a value from outside the union fails loudly.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${String(value)}`);
}
