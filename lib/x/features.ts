/**
 * A small feature manager for x.com, after refined-github's
 * (source/feature-manager.tsx): each feature is one module that says where it
 * applies and receives an AbortSignal that fires on X's in-page navigation,
 * so nothing it added (listeners, UI) outlives the view it was made for.
 *
 * Every feature shares ONE MutationObserver. X rewrites its DOM all the time
 * (timeline, counters, videos), so the observer callback only raises a flag;
 * listeners run once per batch (one animation frame), whatever the number of
 * mutation records.
 */

export interface FeatureEnv {
  signal: AbortSignal;
  url: URL;
  /**
   * Calls `listener` once now and then after each batch of DOM changes, until
   * the signal aborts. Listeners must be cheap (a few querySelector calls).
   */
  onDomChange: (listener: () => void) => void;
  /** Asks for a listener run at the next batch (e.g. after focus moved). */
  requestCheck: () => void;
}

export interface XFeature {
  id: string;
  /** Where the feature applies; everywhere on X when absent. */
  include?: (url: URL) => boolean;
  init: (env: FeatureEnv) => void;
}

export interface FeatureManagerOptions {
  doc: Document;
  Observer: typeof MutationObserver;
  /** Runs `fn` later, once; defaults to the next animation frame. */
  schedule?: (fn: () => void) => void;
  /** A failing feature is reported and skipped; the others keep working. */
  onError?: (featureId: string, error: unknown) => void;
}

export interface FeatureManager {
  /** Starts the observer and runs the features for this URL. */
  start: (url: URL) => void;
  /** X changed its URL without a page load: features restart with a fresh signal. */
  navigated: (url: URL) => void;
  stop: () => void;
}

function defaultSchedule(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => fn());
  else setTimeout(fn, 16);
}

function defaultOnError(featureId: string, error: unknown): void {
  console.error(`Sortie: the x.com feature "${featureId}" failed`, error);
}

export function createFeatureManager(features: readonly XFeature[], options: FeatureManagerOptions): FeatureManager {
  const { doc, Observer } = options;
  const schedule = options.schedule ?? defaultSchedule;
  const onError = options.onError ?? defaultOnError;
  const listeners = new Map<() => void, string>();
  let pending = false;
  let controller: AbortController | null = null;
  let observer: MutationObserver | null = null;

  function run(listener: () => void, featureId: string): void {
    try {
      listener();
    } catch (error) {
      onError(featureId, error);
    }
  }

  function flush(): void {
    pending = false;
    for (const [listener, featureId] of [...listeners]) run(listener, featureId);
  }

  function requestCheck(): void {
    if (pending || controller === null) return;
    pending = true;
    schedule(flush);
  }

  function initAll(url: URL): void {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    for (const feature of features) {
      if (feature.include && !feature.include(url)) continue;
      const env: FeatureEnv = {
        signal: current.signal,
        url,
        requestCheck,
        onDomChange: (listener) => {
          if (current.signal.aborted) return;
          listeners.set(listener, feature.id);
          current.signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
          run(listener, feature.id);
        },
      };
      try {
        feature.init(env);
      } catch (error) {
        onError(feature.id, error);
      }
    }
  }

  return {
    start(url) {
      if (observer === null) {
        observer = new Observer(requestCheck);
        observer.observe(doc.documentElement, { childList: true, subtree: true });
      }
      initAll(url);
    },
    navigated(url) {
      if (observer !== null) initAll(url);
    },
    stop() {
      observer?.disconnect();
      observer = null;
      controller?.abort();
      controller = null;
      listeners.clear();
    },
  };
}
