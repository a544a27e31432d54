/**
 * Optional auto-scroll for X's follow lists: scrolls a screen at a time so X
 * loads the next rows, and stops by itself at the end of the list (the
 * bottom reached and no new account for a few turns, X's loading included).
 * While the tab is in the background it waits: browsers stop drawing a
 * hidden tab, so X adds no rows there, and those turns would end the run
 * with the list half read. Stoppable and resumable; time, visibility and
 * scrolling are injected for tests.
 */

export type AutoScrollState = 'idle' | 'running' | 'stopped' | 'done';

export interface AutoScrollDeps {
  /** Scrolls by about a screen; returns whether the page is at its bottom afterwards. */
  scrollStep: () => boolean;
  /** Accounts read so far on this page. */
  count: () => number;
  /** Whether the tab is shown (absent: always). */
  visible?: () => boolean;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  onState: (state: AutoScrollState) => void;
}

/** X fetches the next page of rows when the list nears its end; give it this long per turn. */
export const STEP_MS = 1_200;
/** Turns at the bottom without a new account before calling it the end. */
export const PATIENCE = 4;

export interface AutoScroll {
  start: () => void;
  stop: () => void;
  state: () => AutoScrollState;
}

export function createAutoScroll(deps: AutoScrollDeps): AutoScroll {
  let state: AutoScrollState = 'idle';
  let timer: unknown = null;
  let stale = 0;
  let lastCount = 0;

  function set(next: AutoScrollState): void {
    state = next;
    deps.onState(next);
  }

  function tick(): void {
    timer = null;
    if (state !== 'running') return;
    if (deps.visible?.() === false) {
      timer = deps.setTimer(tick, STEP_MS);
      return;
    }
    const atBottom = deps.scrollStep();
    const count = deps.count();
    stale = atBottom && count === lastCount ? stale + 1 : 0;
    lastCount = count;
    if (stale >= PATIENCE) {
      set('done');
      return;
    }
    timer = deps.setTimer(tick, STEP_MS);
  }

  return {
    start() {
      if (state === 'running') return;
      stale = 0;
      lastCount = deps.count();
      set('running');
      timer = deps.setTimer(tick, 0);
    },
    stop() {
      if (state !== 'running') return;
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
      set('stopped');
    },
    state: () => state,
  };
}
