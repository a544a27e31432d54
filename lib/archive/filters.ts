/**
 * What the user chooses to import: counts of the archive by year, kind and
 * media, and ImportFilters applied to the tweets.
 *
 * Kinds as the user sees them: an own post standing alone ("post"), a post
 * of an own thread (its first post, which X stores as a plain tweet, and
 * every self-reply), a reply to someone else, a retweet.
 */
import type { ArchiveTweet } from './model.ts';
import type { ArchiveMedia, ImportFilters } from '../model/import.ts';

export type TweetCategory = 'post' | 'thread' | 'reply' | 'retweet';

/** Each tweet's category; the first post of a thread is known by its self-replies. */
export function categorize(tweets: readonly ArchiveTweet[]): Map<string, TweetCategory> {
  const parents = new Set<string>();
  for (const t of tweets) if (t.kind === 'self-reply' && t.inReplyToOwnId) parents.add(t.inReplyToOwnId);
  const out = new Map<string, TweetCategory>();
  for (const t of tweets) {
    out.set(
      t.id,
      t.kind === 'retweet'
        ? 'retweet'
        : t.kind === 'reply'
          ? 'reply'
          : t.kind === 'self-reply' || parents.has(t.id)
            ? 'thread'
            : 'post',
    );
  }
  return out;
}

export function yearOf(t: ArchiveTweet): number {
  return new Date(t.createdAt).getUTCFullYear();
}

export interface ArchiveCounts {
  total: number;
  /** Year (UTC) → tweets, years in ascending order. */
  byYear: Array<[number, number]>;
  byCategory: Record<TweetCategory, number>;
  withMedia: number;
  withoutMedia: number;
  /** Media files by type. */
  media: Record<ArchiveMedia['type'], number>;
}

export function countTweets(
  tweets: readonly ArchiveTweet[],
  categories: Map<string, TweetCategory> = categorize(tweets),
): ArchiveCounts {
  const years = new Map<number, number>();
  const byCategory: Record<TweetCategory, number> = { post: 0, thread: 0, reply: 0, retweet: 0 };
  const media: Record<ArchiveMedia['type'], number> = { photo: 0, video: 0, animated_gif: 0 };
  let withMedia = 0;
  for (const t of tweets) {
    const y = yearOf(t);
    years.set(y, (years.get(y) ?? 0) + 1);
    byCategory[categories.get(t.id) ?? 'post']++;
    if (t.media.length > 0) withMedia++;
    for (const m of t.media) media[m.type]++;
  }
  return {
    total: tweets.length,
    byYear: [...years].sort((a, b) => a[0] - b[0]),
    byCategory,
    withMedia,
    withoutMedia: tweets.length - withMedia,
    media,
  };
}

export function matchesFilters(t: ArchiveTweet, category: TweetCategory, filters: ImportFilters): boolean {
  const kindOn =
    category === 'post'
      ? filters.ownPosts
      : category === 'thread'
        ? filters.ownThreads
        : category === 'reply'
          ? filters.repliesToOthers
          : filters.retweets;
  if (!kindOn) return false;
  if (filters.years !== 'all' && !filters.years.includes(yearOf(t))) return false;
  return t.media.length > 0 ? filters.withMedia : filters.withoutMedia;
}

/** The tweets the filters keep, in the order given. */
export function applyFilters(
  tweets: readonly ArchiveTweet[],
  filters: ImportFilters,
  categories: Map<string, TweetCategory> = categorize(tweets),
): ArchiveTweet[] {
  return tweets.filter((t) => matchesFilters(t, categories.get(t.id) ?? 'post', filters));
}
