/**
 * What a "Send at" time may mean that the person did not intend. A date
 * field typed segment by segment easily ends up with a wrong year, and a
 * time picked a moment too late is already past: neither is refused (a
 * post may be meant for next year, and a past time simply sends it now),
 * but each is said beside the field before Schedule is pressed.
 */

/** A time this far back is "past" (the minute being typed in is not). */
export const PAST_SLACK_MS = 60_000;
/** Beyond this, the time is worth a second look: more than a year ahead. */
export const FAR_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

export type ScheduleNote = 'past' | 'far';

/** The note a scheduled time deserves at `now`, or null (none, or no time set, or an unreadable one). */
export function scheduleNote(scheduledAt: string | null, now: number): ScheduleNote | null {
  if (scheduledAt === null) return null;
  const at = Date.parse(scheduledAt);
  if (Number.isNaN(at)) return null;
  if (at < now - PAST_SLACK_MS) return 'past';
  if (at - now > FAR_AHEAD_MS) return 'far';
  return null;
}
