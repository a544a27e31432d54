/**
 * When the page script works: it watches the page for added elements and
 * changed hrefs, and hands them to the rewriter in short runs that yield to
 * the page's tasks, so neither the page's load nor its scrolling waits on it.
 */
import type { PageRewriter } from './page-rewrite.ts';

/** Elements handled per slice (under a millisecond's work). */
const SLICE = 200;
/**
 * The most one run works before yielding: a task that arrives meanwhile (the
 * page's load event, a click) waits for the run to end, so runs stay short.
 */
const RUN_MS = 4;

/**
 * Lets the tasks waiting (an input event, the page's own) run first, then goes
 * on: a message to itself rather than setTimeout(0), which both browsers hold
 * 4 ms from the fifth in a chain (half the time lost between 4 ms runs).
 */
export function yieldToTasks(): (next: () => void) => void {
  if (typeof MessageChannel !== 'function') return (next) => void setTimeout(next, 0);
  let channel: MessageChannel | null = null;
  const queue: (() => void)[] = [];
  return (next) => {
    if (channel === null) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => queue.shift()?.();
    }
    queue.push(next);
    channel.port2.postMessage(null);
  };
}

/**
 * Feeds nodes to the rewriter: the elements inside them are found, then
 * rewritten a slice at a time, at most RUN_MS at once, yielding to the tasks
 * waiting before each run until nothing is left. Runs are short, so the page
 * is never held long; they do not wait for idle time, which Firefox offers
 * only every 50 to 200 ms on a quiet page (links would stay unrewritten that
 * long). `soon` is how a run yields; `now` is the clock runs are cut by.
 */
export function createSlicedWork(
  rewriter: Pick<PageRewriter, 'find' | 'process'>,
  now: () => number = () => performance.now(),
  soon: (next: () => void) => void = yieldToTasks(),
): { add(nodes: Iterable<Node>): void; stop(): void } {
  let roots: Node[] = [];
  let stopped = false;
  let found: Element[] = [];
  let at = 0;
  let scheduled = false;
  const pending = (): boolean => at < found.length || roots.length > 0;
  const run = (): void => {
    scheduled = false;
    if (stopped) return;
    const until = now() + RUN_MS;
    do {
      if (at >= found.length) {
        if (roots.length === 0) return;
        found = rewriter.find(roots);
        roots = [];
        at = 0;
      }
      rewriter.process(found.slice(at, at + SLICE));
      at += SLICE;
    } while (now() < until);
    if (pending()) later();
  };
  const later = (): void => {
    if (scheduled || stopped) return;
    scheduled = true;
    soon(run);
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

/** What watchAdditions returns. */
export interface AdditionsWatcher {
  stop(): void;
  /**
   * Runs `write` unseen by this watcher: the page's changes noted so far are
   * handed to `add` first, and watching resumes right after. Nothing else
   * runs meanwhile, so no change of the page's is missed, and the page
   * script's own writes (thousands on a long page) make no records for it.
   */
  quietly(write: () => void): void;
}

/**
 * Watches `doc` for added elements and changed hrefs and hands them to `add`
 * (which defers the work). Records of `ignore`d nodes (the rewriter's own
 * writes outside `quietly`) are dropped here.
 */
export function watchAdditions(
  doc: Document,
  add: (nodes: Node[]) => void,
  ignore: (node: Node) => boolean = () => false,
  Observer: typeof MutationObserver = MutationObserver,
): AdditionsWatcher {
  const nodesOf = (records: MutationRecord[]): Node[] => {
    const nodes: Node[] = [];
    for (const record of records) {
      if (record.type === 'attributes') {
        if (!ignore(record.target)) nodes.push(record.target);
      } else for (const node of record.addedNodes) if (node.nodeType === 1) nodes.push(node);
    }
    return nodes;
  };
  const observer = new Observer((records) => {
    const nodes = nodesOf(records);
    if (nodes.length > 0) add(nodes);
  });
  const root = doc.documentElement;
  const options: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] };
  observer.observe(root, options);
  let stopped = false;
  return {
    stop() {
      stopped = true;
      observer.disconnect();
    },
    quietly(write) {
      if (stopped) return write();
      // disconnect() drops the records not yet delivered: take them first.
      const pending = nodesOf(observer.takeRecords());
      observer.disconnect();
      try {
        write();
      } finally {
        observer.observe(root, options);
      }
      if (pending.length > 0) add(pending);
    },
  };
}
