/**
 * When each imported post may be sent without ever crossing a network's
 * published rate limits, per account, in any sliding window.
 *
 * The limits are each network's `writeLimits` (lib/networks/<network>/meta.ts).
 *
 * A sliding window is at least as strict as any fixed window the server may
 * use. The plan keeps `headroom` of each limit (10 % by default) for what
 * the user posts by hand while an import runs; the outbox still honours the
 * server's own rate-limit answers. A post's parts (a split thread) are
 * counted at the time of the post.
 */
import type { Network } from '../model/draft.ts';
import { NETWORK_IDS, NETWORKS } from '../networks/registry.ts';
import type { ImportCost } from './model.ts';

export interface RateWindow {
  name: string;
  windowMs: number;
  limit: number;
  cost: (c: ImportCost) => number;
}

function windowsOf(network: Network): readonly RateWindow[] {
  return NETWORKS[network].writeLimits.map((w) => ({
    name: w.name,
    windowMs: w.windowMs,
    limit: w.limit,
    cost: (c: ImportCost) => w.costEach * c[w.counts],
  }));
}

/** Each network's write limits as windows over an import's costs (filled from the registry just below). */
export const RATE_WINDOWS = {} as Record<Network, readonly RateWindow[]>;
for (const network of NETWORK_IDS) RATE_WINDOWS[network] = windowsOf(network);

export const DEFAULT_HEADROOM = 0.1;

/** Sends still inside one window: a queue of (time, cost) and their sum. */
class Window {
  private times: number[] = [];
  private costs: number[] = [];
  private head = 0;
  private sum = 0;
  readonly budget: number;
  readonly rule: RateWindow;

  constructor(rule: RateWindow, headroom: number) {
    this.rule = rule;
    this.budget = Math.max(1, Math.floor(rule.limit * (1 - headroom)));
  }

  /** The earliest time ≥ t at which `cost` fits (all earlier sends are at or before t). */
  earliest(t: number, cost: number): number {
    if (cost > this.rule.limit)
      throw new RangeError(`one post costs ${cost}, over the ${this.rule.name} limit of ${this.rule.limit}`);
    let at = t;
    this.expire(at);
    // A post larger than the headroom budget waits for an empty window; it still fits the real limit.
    while (this.head < this.times.length && this.sum + cost > this.budget) {
      at = Math.max(at, (this.times[this.head] as number) + this.rule.windowMs);
      this.expire(at);
    }
    return at;
  }

  add(t: number, cost: number): void {
    if (cost === 0) return;
    this.times.push(t);
    this.costs.push(cost);
    this.sum += cost;
  }

  /** Sends at or before t - windowMs have left the window (t - windowMs, t]. */
  private expire(t: number): void {
    while (this.head < this.times.length && (this.times[this.head] as number) <= t - this.rule.windowMs) {
      this.sum -= this.costs[this.head] as number;
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.costs = this.costs.slice(this.head);
      this.head = 0;
    }
  }
}

export interface AccountPlan {
  /** Earliest send time (epoch ms) of each post, in the order given. */
  at: number[];
  /** When the last post may go; `start` when there is none. */
  endsAt: number;
}

/** The earliest times, in order, at which one account may send these posts. */
export function planAccount(
  costs: readonly ImportCost[],
  rules: readonly RateWindow[],
  start: number,
  headroom = DEFAULT_HEADROOM,
): AccountPlan {
  const windows = rules.map((r) => new Window(r, headroom));
  const at: number[] = [];
  let t = start;
  for (const c of costs) {
    // Later only ever empties windows, so one pass that moves t forward and a check that nothing moved settle it.
    for (let moved = true; moved;) {
      moved = false;
      for (const w of windows) {
        const next = w.earliest(t, w.rule.cost(c));
        if (next > t) {
          t = next;
          moved = true;
        }
      }
    }
    windows.forEach((w) => w.add(t, w.rule.cost(c)));
    at.push(t);
  }
  return { at, endsAt: at.length ? (at[at.length - 1] as number) : start };
}

export interface ImportPlan {
  accounts: Array<{ accountId: string; network: Network } & AccountPlan>;
  /** Accounts post in parallel: the import ends with the slowest. */
  endsAt: number;
  hours: number;
}

export function planImport(
  accounts: ReadonlyArray<{ accountId: string; network: Network; costs: readonly ImportCost[] }>,
  start: number,
  headroom = DEFAULT_HEADROOM,
): ImportPlan {
  const plans = accounts.map((a) => ({
    accountId: a.accountId,
    network: a.network,
    ...planAccount(a.costs, RATE_WINDOWS[a.network], start, headroom),
  }));
  const endsAt = plans.reduce((end, p) => Math.max(end, p.endsAt), start);
  return { accounts: plans, endsAt, hours: (endsAt - start) / 3_600_000 };
}

/** The first window a plan overfills, or null: the check the property test runs on every plan. */
export function overfilled(
  at: readonly number[],
  costs: readonly ImportCost[],
  rules: readonly RateWindow[],
): { rule: string; at: number; used: number } | null {
  for (const rule of rules) {
    let from = 0;
    let sum = 0;
    for (let i = 0; i < at.length; i++) {
      sum += rule.cost(costs[i] as ImportCost);
      while ((at[from] as number) <= (at[i] as number) - rule.windowMs) sum -= rule.cost(costs[from++] as ImportCost);
      if (sum > rule.limit) return { rule: rule.name, at: at[i] as number, used: sum };
    }
  }
  return null;
}
