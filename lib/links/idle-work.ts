/**
 * When the page script works: it watches the page for added elements and
 * changed hrefs, and hands them to the rewriter in idle time, a slice at a
 * time, so neither the page's load nor its scrolling waits on it.
 */
import type { PageRewriter } from './page-rewrite.ts';

/** Elements handled per slice of idle time (under a millisecond's work). */
const SLICE = 200;
/**
 * The most one idle run works, whatever idle time the browser offers (up to
 * 50 ms): a task that arrives meanwhile (the page's load event, a click)
 * waits for the run to end, so runs stay short.
 */
const RUN_MS = 4;

/** Idle time left in this run; undefined: run to the end (tests, browsers without idle callbacks). */
export interface IdleTime {
  timeRemaining(): number;
  /** The browser ran the callback because its timeout passed, not because it was idle. */
  didTimeout?: boolean;
}
export type Schedule = (run: (deadline?: IdleTime) => void) => void;

/**
 * The longest links wait for idle time: Firefox offers an idle period only
 * every 50 to 200 ms on a quiet page (Chromium runs idle callbacks back to
 * back), so without it links added to a page would stay unrewritten that long.
 */
const IDLE_TIMEOUT_MS = 30;

/** Runs work when the page is idle, and at the latest soon after. */
export const idleSchedule: Schedule = (run) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 16);
};

/** Lets the tasks waiting (an input event, the page's own) run first, then goes on. */
const yieldThen = (next: () => void): void => void setTimeout(next, 0);

/**
 * Feeds nodes to the rewriter in idle time: the elements inside them are
 * found, then rewritten a slice at a time while the browser has time to
 * spare, at most RUN_MS at once. A run the browser started because the
 * timeout passed still works RUN_MS (a busy page gets there too). Work left
 * when a run stops but the idle period is not over goes on after yielding to
 * waiting tasks, in the same idle period: Firefox gives one idle callback per
 * idle period and the next period may be 200 ms away.
 */
export function createIdleWork(
  rewriter: Pick<PageRewriter, 'find' | 'process'>,
  schedule: Schedule = idleSchedule,
  now: () => number = () => performance.now(),
  soon: (next: () => void) => void = yieldThen,
): { add(nodes: Iterable<Node>): void; stop(): void } {
  let roots: Node[] = [];
  let stopped = false;
  let found: Element[] = [];
  let at = 0;
  let scheduled = false;
  const pending = (): boolean => at < found.length || roots.length > 0;
  const run = (deadline?: IdleTime): void => {
    scheduled = false;
    if (stopped) return;
    const until = now() + RUN_MS;
    const timedOut = deadline?.didTimeout === true;
    do {
      if (at >= found.length) {
        if (roots.length === 0) return;
        found = rewriter.find(roots);
        roots = [];
        at = 0;
      }
      rewriter.process(found.slice(at, at + SLICE));
      at += SLICE;
    } while (deadline === undefined || (now() < until && (timedOut || deadline.timeRemaining() > 1)));
    if (!pending()) return;
    if (!timedOut && deadline.timeRemaining() > 1) {
      scheduled = true;
      soon(() => run(deadline));
    } else later();
  };
  const later = (): void => {
    if (scheduled || stopped) return;
    scheduled = true;
    schedule(run);
  };
  return {
    add(nodes) {
      for (const node of nodes) roots.push(node);
      if (roots.length > 0) later();
    },
    stop() {
      stopped = true;
      roots = [];
      found = [];
    },
  };
}

/**
 * Watches `doc` for added elements and changed hrefs and hands them to `add`
 * (which defers the work). Records of `ignore`d nodes (the rewriter's own
 * writes) are dropped here. Returns a function that stops.
 */
export function watchAdditions(
  doc: Document,
  add: (nodes: Node[]) => void,
  ignore: (node: Node) => boolean = () => false,
  Observer: typeof MutationObserver = MutationObserver,
): () => void {
  const observer = new Observer((records) => {
    const nodes: Node[] = [];
    for (const record of records) {
      if (record.type === 'attributes') {
        if (!ignore(record.target)) nodes.push(record.target);
      } else for (const node of record.addedNodes) if (node.nodeType === 1) nodes.push(node);
    }
    if (nodes.length > 0) add(nodes);
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href'],
  });
  return () => observer.disconnect();
}
