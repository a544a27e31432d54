/** Monotonic counters for the exit dashboard, one row per counter per day. */
export interface StatRecord {
  key: string; // `${name}:${YYYY-MM-DD}`
  name: string;
  day: string;
  count: number;
}
