/**
 * What one collection run may store. The collector reads X's page, and X's
 * page is hostile: it can show endless or enormous "profiles". The
 * background trims every profile to what X itself allows (with room for
 * expanded links) and stops a run at a size no real follow list reaches.
 * Without these, one page filled storage with 5,000 profiles of 44 kB each.
 */
import type { XProfile } from '../model/bridge.ts';

export const COLLECT_LIMITS = {
  /** X caps following at 5,000 for most accounts; more is a runaway page. */
  profilesPerRun: 5_000,
  /** Characters of profile text per run (about 8 MB as UTF-16). */
  charsPerRun: 4_000_000,
  /** X allows 50 characters; emoji and other scripts take more code units. */
  displayName: 100,
  /** X allows 160 characters; its links expand to their full address. */
  bio: 1_000,
  links: 5,
  linkLength: 300,
  website: 300,
} as const;

export interface RunTally {
  profiles: number;
  chars: number;
}

/** The profile cut to the limits (each field on its own; nothing is invented). */
export function trimProfile(profile: XProfile): XProfile {
  const L = COLLECT_LIMITS;
  return {
    handle: profile.handle,
    displayName: profile.displayName.slice(0, L.displayName),
    bio: profile.bio.slice(0, L.bio),
    links: profile.links.filter((l) => l.length <= L.linkLength).slice(0, L.links),
    website: profile.website !== null && profile.website.length <= L.website ? profile.website : null,
  };
}

export function profileChars(profile: XProfile): number {
  return (
    profile.handle.length +
    profile.displayName.length +
    profile.bio.length +
    (profile.website?.length ?? 0) +
    profile.links.reduce((n, l) => n + l.length, 0)
  );
}

/**
 * The profiles of one batch this run may still store, trimmed, and the tally
 * after them. Once a limit is reached the rest of the batch is dropped.
 */
export function admitBatch(
  profiles: readonly XProfile[],
  tally: RunTally,
): { admitted: XProfile[]; tally: RunTally; full: boolean } {
  const admitted: XProfile[] = [];
  let { profiles: count, chars } = tally;
  for (const raw of profiles) {
    const profile = trimProfile(raw);
    const size = profileChars(profile);
    if (count + 1 > COLLECT_LIMITS.profilesPerRun || chars + size > COLLECT_LIMITS.charsPerRun) {
      return { admitted, tally: { profiles: count, chars }, full: true };
    }
    admitted.push(profile);
    count += 1;
    chars += size;
  }
  return { admitted, tally: { profiles: count, chars }, full: false };
}
