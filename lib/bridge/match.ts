/**
 * Looks one X account up on one network with one of the user's accounts:
 * every hint first; a search (or, with no search, a same-handle guess on the
 * PDS's own domains) only when no hint led anywhere. Then scores.
 */
import { handleOfHint } from './hints.ts';
import type { FoundProfile } from '../model/bridge.ts';
import { DEFAULT_HANDLE_SUFFIXES } from '../networks/bluesky/meta.ts';
import type { BlueskyLookup } from '../networks/bluesky/engine/lookup.ts';
import type { LookupOf } from '../networks/engine-registry.ts';
import type { MastodonLookup } from '../networks/mastodon/engine/lookup.ts';
import type { Network } from '../networks/network.ts';
import type { Pacer } from './pace.ts';
import { scoreCandidates } from './score.ts';
import { normalizeName } from './text.ts';
import type { Candidate, FollowState, FoundAccount, Hint, MatchResult, XProfile } from '../model/bridge.ts';

/** Candidates kept per X account and network: the best ones, the rest is noise. */
export const MAX_CANDIDATES = 5;

export interface NetworkContext {
  pacer: Pacer;
  signal: AbortSignal;
  now: () => number;
}

class Found {
  readonly byId = new Map<string, FoundAccount>();

  add(profile: FoundProfile | null, found: FoundAccount['found'], hint?: Hint): void {
    if (!profile) return;
    const existing = this.byId.get(profile.id);
    if (existing) {
      if (hint && !existing.hints.includes(hint)) existing.hints.push(hint);
      if (found === 'hint') existing.found = 'hint';
      return;
    }
    this.byId.set(profile.id, { ...profile, found, hints: hint ? [hint] : [] });
  }

  get size(): number {
    return this.byId.size;
  }
}

/** Same-handle guesses: X's `jane_doe` is `jane-doe` or `janedoe` on Bluesky (no `_` in handles). */
export function handleGuesses(xHandle: string, domains: readonly string[]): string[] {
  const h = xHandle.toLowerCase();
  const locals = [...new Set([h.replace(/_/g, '-'), h.replace(/_/g, '')])].filter((l) =>
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l),
  );
  return locals.flatMap((l) => domains.map((d) => `${l}${d}`));
}

/** Scores, keeps the best, then asks for follow states of those only. */
async function finish(
  x: XProfile,
  hints: readonly Hint[],
  found: Found,
  states: (ids: string[]) => Promise<Map<string, FollowState>>,
  notes: string[],
  now: () => number,
): Promise<MatchResult> {
  const scored = scoreCandidates(x, hints, [...found.byId.values()], now()).slice(0, MAX_CANDIDATES);
  const known = scored.length ? await states(scored.map((c) => c.id)) : new Map<string, FollowState>();
  const candidates: Candidate[] = scored.map((c) => ({ ...c, follow: known.get(c.id) ?? 'none' }));
  return { checkedAt: now(), candidates, notes };
}

/*
 * matchOnBluesky and matchOnMastodon are the per-network adapters that
 * BRIDGE_NETWORKS (below) dispatches to: each speaks its own network's
 * lookup, so each keeps only the hints of its network by name.
 */

export async function matchOnBluesky(
  x: XProfile,
  hints: readonly Hint[],
  lookup: BlueskyLookup,
  followed: ReadonlySet<string>,
  ctx: NetworkContext,
): Promise<MatchResult> {
  const run = <T>(work: () => Promise<T>): Promise<T> => ctx.pacer.run(work, ctx.signal);
  const found = new Found();
  const notes: string[] = [];
  await Promise.all(
    hints
      .filter((h) => h.network === 'bluesky')
      .map(async (hint) =>
        found.add(
          await run(() => (hint.kind === 'did' ? lookup.byDid(hint.value) : lookup.byHandle(hint.value))),
          'hint',
          hint,
        ),
      ),
  );
  if (found.size === 0) {
    const name = normalizeName(x.displayName);
    const results = await run(() => lookup.search(x.handle));
    if (results === null) {
      notes.push('bridge.note.blueskyNoSearch');
      const guesses = handleGuesses(x.handle, await run(() => lookup.ownDomains()));
      for (const handle of guesses) found.add(await run(() => lookup.byHandle(handle)), 'guess');
    } else {
      for (const p of results) found.add(p, 'search');
      if (name && name !== x.handle.toLowerCase())
        for (const p of (await run(() => lookup.search(name))) ?? []) found.add(p, 'search');
      // Search ranks by name: "Auré" for "Aurélie" may not come up. The same handle on
      // .bsky.social or the server's own domains is one direct look more.
      const seen = new Set([...found.byId.values()].map((f) => f.handle));
      const domains = [...new Set([...DEFAULT_HANDLE_SUFFIXES, ...(await run(() => lookup.ownDomains()))])];
      for (const handle of handleGuesses(x.handle, domains)
        .filter((h) => !seen.has(h))
        .slice(0, 2)) {
        found.add(await run(() => lookup.byHandle(handle)), 'guess');
      }
    }
  }
  const states = async (ids: string[]) =>
    new Map(ids.filter((id) => followed.has(id)).map((id) => [id, 'following' as const]));
  return finish(x, hints, found, states, notes, ctx.now);
}

export async function matchOnMastodon(
  x: XProfile,
  hints: readonly Hint[],
  lookup: MastodonLookup,
  ctx: NetworkContext,
): Promise<MatchResult> {
  const run = <T>(work: () => Promise<T>): Promise<T> => ctx.pacer.run(work, ctx.signal);
  const found = new Found();
  await Promise.all(
    hints
      .filter((h) => h.network === 'mastodon')
      .map(async (hint) => {
        const acct = handleOfHint(hint);
        const profile =
          hint.kind === 'profile-url'
            ? await run(() => lookup.byUrl(hint.value, acct))
            : await run(() => lookup.byAcct(hint.value));
        found.add(profile, 'hint', hint);
      }),
  );
  if (found.size === 0) {
    for (const p of await run(() => lookup.search(x.handle))) found.add(p, 'search');
    const name = normalizeName(x.displayName);
    if (name && name !== x.handle.toLowerCase())
      for (const p of await run(() => lookup.search(name))) found.add(p, 'search');
  }
  return finish(x, hints, found, (ids) => run(() => lookup.followStates(ids)), [], ctx.now);
}

/**
 * The bridge on one account, once what it needs from the account is known
 * (Bluesky: its PDS's handle domains and whom it follows already).
 */
export interface OpenedNetwork {
  /** Handle suffixes that mean this network, to read hints with (none: the defaults). */
  handleSuffixes: readonly string[];
  match(x: XProfile, hints: readonly Hint[], ctx: NetworkContext): Promise<MatchResult>;
  /** Follows a candidate (already followed: nothing sent) and says whether it is done or awaits approval. */
  follow(candidateId: string, ctx: NetworkContext): Promise<'following' | 'requested'>;
}

type OpenNetwork<N extends Network> = (lookup: LookupOf<N>, ctx: NetworkContext) => Promise<OpenedNetwork>;

/** How the bridge finds and follows people on each network, with that network's lookup. */
export const BRIDGE_NETWORKS: { readonly [N in Network]: OpenNetwork<N> } = {
  bluesky: async (lookup, ctx) => {
    const handleSuffixes = await ctx.pacer.run(() => lookup.handleSuffixes(), ctx.signal);
    const followed = await ctx.pacer.run(() => lookup.followedDids(), ctx.signal);
    return {
      handleSuffixes,
      match: (x, hints, c) => matchOnBluesky(x, hints, lookup, followed, c),
      async follow(did, c) {
        if (!followed.has(did)) await c.pacer.run(() => lookup.follow(did), c.signal);
        followed.add(did);
        return 'following';
      },
    };
  },
  mastodon: async (lookup) => ({
    handleSuffixes: [],
    match: (x, hints, c) => matchOnMastodon(x, hints, lookup, c),
    follow: async (id, c) =>
      (await c.pacer.run(() => lookup.follow(id), c.signal)) === 'requested' ? 'requested' : 'following',
  }),
};

/**
 * Opens the bridge on an account of `network` with the lookup its adapter
 * gave. TypeScript cannot follow a network id into the matching lookup type
 * through a union: this is the one place the pairing is asserted (the
 * engine registry makes `lookup` on a network's adapter give that network's
 * lookup).
 */
export function openNetwork(network: Network, lookup: unknown, ctx: NetworkContext): Promise<OpenedNetwork> {
  return (BRIDGE_NETWORKS[network] as OpenNetwork<Network>)(lookup as never, ctx);
}
