/**
 * Looks one X account up on one network with one of the user's accounts:
 * every hint first; a search (or, with no search, a same-handle guess on the
 * PDS's own domains) only when no hint led anywhere. Then scores.
 */
import { acctOfHint } from './hints.ts';
import type { FoundProfile } from '../model/bridge.ts';
import { DEFAULT_HANDLE_SUFFIXES } from '../networks/bluesky/meta.ts';
import type { BlueskyLookup } from '../networks/bluesky/engine/lookup.ts';
import type { MastodonLookup } from '../networks/mastodon/engine/lookup.ts';
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
      .map(async (hint) => found.add(await run(() => (hint.kind === 'did' ? lookup.byDid(hint.value) : lookup.byHandle(hint.value))), 'hint', hint)),
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
      if (name && name !== x.handle.toLowerCase()) for (const p of (await run(() => lookup.search(name))) ?? []) found.add(p, 'search');
      // Search ranks by name: "Auré" for "Aurélie" may not come up. The same handle on
      // .bsky.social or the server's own domains is one direct look more.
      const seen = new Set([...found.byId.values()].map((f) => f.handle));
      const domains = [...new Set([...DEFAULT_HANDLE_SUFFIXES, ...(await run(() => lookup.ownDomains()))])];
      for (const handle of handleGuesses(x.handle, domains).filter((h) => !seen.has(h)).slice(0, 2)) {
        found.add(await run(() => lookup.byHandle(handle)), 'guess');
      }
    }
  }
  const states = async (ids: string[]) => new Map(ids.filter((id) => followed.has(id)).map((id) => [id, 'following' as const]));
  return finish(x, hints, found, states, notes, ctx.now);
}

export async function matchOnMastodon(x: XProfile, hints: readonly Hint[], lookup: MastodonLookup, ctx: NetworkContext): Promise<MatchResult> {
  const run = <T>(work: () => Promise<T>): Promise<T> => ctx.pacer.run(work, ctx.signal);
  const found = new Found();
  await Promise.all(
    hints
      .filter((h) => h.network === 'mastodon')
      .map(async (hint) => {
        const acct = acctOfHint(hint);
        const profile = hint.kind === 'profile-url' ? await run(() => lookup.byUrl(hint.value, acct)) : await run(() => lookup.byAcct(hint.value));
        found.add(profile, 'hint', hint);
      }),
  );
  if (found.size === 0) {
    for (const p of await run(() => lookup.search(x.handle))) found.add(p, 'search');
    const name = normalizeName(x.displayName);
    if (name && name !== x.handle.toLowerCase()) for (const p of await run(() => lookup.search(name))) found.add(p, 'search');
  }
  return finish(x, hints, found, (ids) => run(() => lookup.followStates(ids)), [], ctx.now);
}
