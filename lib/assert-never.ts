/** The end of an exhaustive `switch`: TypeScript flags a case left out, and a value from outside the types fails loudly. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
