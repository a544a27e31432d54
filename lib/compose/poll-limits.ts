/**
 * What the poll editor offers: as many choices, and the durations, that every
 * chosen Mastodon account's server accepts (configuration.polls, read when the
 * account was connected and kept in its serverInfo). With several servers the
 * strictest wins, so a poll the editor allows is never refused by one of them;
 * with none chosen, stock Mastodon's values.
 */
import type { Network } from '../networks/network.ts';
import { NETWORKS } from '../networks/registry.ts';
import type { MastodonLimits } from './limits.ts';
import { MASTODON_DEFAULT_LIMITS } from '../networks/mastodon/instance.ts';

export interface PollLimits {
  maxOptions: number;
  maxCharactersPerOption: number;
  /** Seconds. */
  minExpiration: number;
  /** Seconds. */
  maxExpiration: number;
}

/** PollOptionsValidator's values, for accounts whose server said nothing. */
const STOCK: PollLimits = {
  maxOptions: MASTODON_DEFAULT_LIMITS.pollMaxOptions,
  maxCharactersPerOption: MASTODON_DEFAULT_LIMITS.pollMaxCharactersPerOption,
  minExpiration: MASTODON_DEFAULT_LIMITS.pollMinExpiration,
  maxExpiration: MASTODON_DEFAULT_LIMITS.pollMaxExpiration,
};

/** A poll needs two choices whatever a server claims. */
const MIN_OPTIONS = 2;

interface PollAccount {
  id: string;
  network: Network;
  serverInfo?: {
    limits: Pick<
      MastodonLimits,
      'pollMaxOptions' | 'pollMaxCharactersPerOption' | 'pollMinExpiration' | 'pollMaxExpiration'
    >;
  };
}

export function pollLimitsFor(accounts: readonly PollAccount[] | null, targets: readonly string[]): PollLimits {
  const servers = (accounts ?? []).filter((a) => NETWORKS[a.network].capabilities.polls && targets.includes(a.id));
  if (servers.length === 0) return STOCK;
  const each = servers.map((a): PollLimits => {
    const l = a.serverInfo?.limits;
    return {
      maxOptions: l?.pollMaxOptions ?? STOCK.maxOptions,
      maxCharactersPerOption: l?.pollMaxCharactersPerOption ?? STOCK.maxCharactersPerOption,
      minExpiration: l?.pollMinExpiration ?? STOCK.minExpiration,
      maxExpiration: l?.pollMaxExpiration ?? STOCK.maxExpiration,
    };
  });
  return {
    maxOptions: Math.max(MIN_OPTIONS, Math.min(...each.map((l) => l.maxOptions))),
    maxCharactersPerOption: Math.min(...each.map((l) => l.maxCharactersPerOption)),
    minExpiration: Math.max(...each.map((l) => l.minExpiration)),
    maxExpiration: Math.min(...each.map((l) => l.maxExpiration)),
  };
}

/** The usual choices: 5 and 30 minutes, 1 and 6 hours, 1, 3 and 7 days, 2 weeks, 30 days. */
const USUAL_DURATIONS = [300, 1_800, 3_600, 21_600, 86_400, 259_200, 604_800, 1_209_600, 2_592_000];

/**
 * The durations to offer, in seconds, ascending: the usual ones the server
 * accepts, its own shortest and longest, and `current` (the draft's, even one
 * out of range, so the select shows what the draft holds and the preview can
 * say it is refused).
 */
export function durationChoices(
  limits: Pick<PollLimits, 'minExpiration' | 'maxExpiration'>,
  current?: number,
): number[] {
  const { minExpiration: min, maxExpiration: max } = limits;
  const out = new Set(USUAL_DURATIONS.filter((d) => d >= min && d <= max));
  if (min <= max) {
    out.add(min);
    out.add(max);
  }
  if (current !== undefined) out.add(current);
  return [...out].sort((a, b) => a - b);
}

/** The duration a new poll starts with: one day, or the nearest the server accepts. */
export function defaultDuration(limits: Pick<PollLimits, 'minExpiration' | 'maxExpiration'>): number {
  return Math.min(Math.max(86_400, limits.minExpiration), Math.max(limits.minExpiration, limits.maxExpiration));
}
