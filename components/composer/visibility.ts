/**
 * Is the composer framed on x.com really in front of the user? X's page can
 * make the frame nearly transparent, cover it, or slide it under the cursor
 * and lure a click onto Post. IntersectionObserver v2 (`trackVisibility`)
 * reports an element visible only when nothing covers it and no ancestor,
 * in any frame, makes it transparent, filtered or distorted. An action goes
 * through only when the element it uses (Post for a click, the text box for
 * Ctrl+Enter) has been reported visible without a break for VISIBLE_FOR_MS
 * (an action pressed sooner waits for the rest of that time, then checks again).
 * Browsers without IOv2 (Firefox) cannot tell: there the framed composer
 * does not post at all (the page offers Sortie's own tab instead).
 */

export type PostVia = 'button' | 'shortcut';
export type Visibility = 'visible' | 'hidden' | 'unsupported';

/** IOv2 reports at most this often (the API's minimum is 100 ms). */
export const TRACK_DELAY_MS = 100;
/** Visible this long without a break before it counts (a frame moved under the cursor just now does not). */
export const VISIBLE_FOR_MS = 500;

export interface PostGate {
  readonly supported: boolean;
  /** Watches the text box and the Post button; returns the cleanup. */
  watch: (text: Element, button: Element) => () => void;
  check: (via: PostVia) => Visibility;
  /** check(), after waiting out the rest of VISIBLE_FOR_MS if the element is visible but only just. */
  settle: (via: PostVia) => Promise<Visibility>;
}

interface EntryV2 {
  target: Element;
  isIntersecting: boolean;
  isVisible?: boolean;
}

type ObserverCtor = new (
  callback: (entries: EntryV2[]) => void,
  options: IntersectionObserverInit & { trackVisibility: boolean; delay: number },
) => { observe: (el: Element) => void; disconnect: () => void };

export interface GateEnv {
  Observer: ObserverCtor | undefined;
  /** IOv2 is there: entries carry `isVisible`. */
  supported: boolean;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export function browserGateEnv(win: Window): GateEnv {
  const w = win as Window & { IntersectionObserver?: ObserverCtor; IntersectionObserverEntry?: { prototype: object } };
  return {
    Observer: w.IntersectionObserver,
    supported:
      w.IntersectionObserver !== undefined &&
      w.IntersectionObserverEntry !== undefined &&
      'isVisible' in w.IntersectionObserverEntry.prototype,
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

export function createPostGate(env: GateEnv): PostGate {
  /** Since when each watched element has been visible without a break (absent: not visible). */
  const visibleSince = new Map<Element, number>();
  let roles: Record<PostVia, Element | null> = { button: null, shortcut: null };

  function sinceOf(via: PostVia): number | undefined {
    const el = roles[via];
    return el ? visibleSince.get(el) : undefined;
  }

  function check(via: PostVia): Visibility {
    if (!env.supported) return 'unsupported';
    const since = sinceOf(via);
    return since !== undefined && env.now() - since >= VISIBLE_FOR_MS ? 'visible' : 'hidden';
  }

  return {
    supported: env.supported,
    watch(text, button) {
      roles = { button, shortcut: text };
      visibleSince.clear();
      if (!env.supported || env.Observer === undefined) return () => undefined;
      const observer = new env.Observer(
        (entries) => {
          for (const entry of entries) {
            if (entry.isIntersecting && entry.isVisible === true) {
              if (!visibleSince.has(entry.target)) visibleSince.set(entry.target, env.now());
            } else visibleSince.delete(entry.target);
          }
        },
        { threshold: [0, 1], trackVisibility: true, delay: TRACK_DELAY_MS },
      );
      observer.observe(text);
      observer.observe(button);
      return () => {
        observer.disconnect();
        visibleSince.clear();
        roles = { button: null, shortcut: null };
      };
    },
    check,
    async settle(via) {
      // Timers may fire a fraction of a millisecond early against performance.now() (browsers
      // truncate fractional delays): wait again until the time is really out, or the element
      // stops being visible. Each pass sleeps at least 1 ms, and `since` only moves forward.
      for (;;) {
        const since = sinceOf(via);
        if (since === undefined) return check(via);
        const rest = VISIBLE_FOR_MS - (env.now() - since);
        if (rest <= 0) return check(via);
        await env.sleep(Math.ceil(rest));
      }
    },
  };
}
