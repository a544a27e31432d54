/**
 * Pausing the redirects. A timed pause is a time in the pausedUntil setting; a
 * pause "until the browser restarts" is this far-future time, which the
 * background clears when the browser starts again.
 */

/** The latest time a JavaScript Date can hold: never reached, so only a restart ends it. */
export const PAUSE_UNTIL_RESTART = 8_640_000_000_000_000;
export const PAUSE_MINUTES = 10;

export function pauseFor(minutes: number, now: number): number {
  return now + minutes * 60_000;
}

export function isPausedUntilRestart(pausedUntil: number | null): boolean {
  return pausedUntil === PAUSE_UNTIL_RESTART;
}
