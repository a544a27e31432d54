/**
 * A value built on first use, then kept. For module-level objects that are
 * costly to build (an `Intl.Segmenter`, Unicode-class regexes): every module
 * a context imports runs its top level at start-up, and the service worker
 * starts again and again, mostly for work that never needs them.
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
