/**
 * Links, mentions and hashtags found in a text, with UTF-16 ranges. Each
 * network finds its own (lib/networks/<network>/text/tokens.ts); what they
 * share is the shape, and how overlapping finds are settled.
 */

export interface UrlToken {
  kind: 'url';
  start: number;
  end: number;
  /** Mastodon only shortens links written with a scheme. */
  hasScheme: boolean;
}

export interface MentionToken {
  kind: 'mention';
  start: number;
  end: number;
  /** The part before any second "@" (Mastodon counts only "@" + this). */
  username: string;
  /** "example.social" in "@alice@example.social"; null for a local or Bluesky-handle mention. */
  domain: string | null;
}

export interface HashtagToken {
  kind: 'hashtag';
  start: number;
  end: number;
  tag: string;
}

export type Token = UrlToken | MentionToken | HashtagToken;

/** Twitter-text's remove_overlapping_entities: by start, dropping any that overlaps one kept before it. */
export function removeOverlapping<T extends { start: number; end: number }>(tokens: T[]): T[] {
  const sorted = [...tokens].sort((a, b) => a.start - b.start);
  const out: T[] = [];
  for (const t of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.end > t.start) continue;
    out.push(t);
  }
  return out;
}
