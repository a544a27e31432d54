/**
 * The preview before an import: counts of the whole archive and of what the
 * filters keep, and a few of the user's own tweets as each chosen network
 * will show them (the same mapping the import uses).
 */
import { applyFilters, categorize, countTweets, type ArchiveCounts, type TweetCategory } from './filters.ts';
import { mapTweets, type MapContext } from './map.ts';
import type { ArchiveTweet, ImportPost } from './model.ts';
import type { ImportFilters } from '../model/import.ts';

export interface Sample {
  /** Why this tweet was picked. */
  reason: 'thread' | 'long' | 'media' | 'post' | 'reply' | 'retweet';
  tweets: ArchiveTweet[];
  /** Per target: the posts of these tweets, in order. */
  posts: ImportPost[][];
}

export interface ArchivePreview {
  all: ArchiveCounts;
  selected: ArchiveCounts;
  /** The tweets the filters keep, oldest first. */
  chosen: ArchiveTweet[];
  samples: Sample[];
}

/** A thread (first post and one answer), the longest post, one with media, a plain one; each at most once. */
export function pickSamples(
  chosen: readonly ArchiveTweet[],
  categories: Map<string, TweetCategory>,
): Array<Pick<Sample, 'reason' | 'tweets'>> {
  const out: Array<Pick<Sample, 'reason' | 'tweets'>> = [];
  const used = new Set<string>();
  const take = (reason: Sample['reason'], tweets: ArchiveTweet[]) => {
    if (tweets.length === 0 || tweets.some((t) => used.has(t.id))) return;
    tweets.forEach((t) => used.add(t.id));
    out.push({ reason, tweets });
  };
  const byId = new Map(chosen.map((t) => [t.id, t]));
  const answer = chosen.find((t) => t.inReplyToOwnId !== null && byId.has(t.inReplyToOwnId));
  if (answer) take('thread', [byId.get(answer.inReplyToOwnId as string) as ArchiveTweet, answer]);
  let longest: ArchiveTweet | undefined;
  for (const t of chosen) if (!used.has(t.id) && t.text.length > (longest?.text.length ?? 280)) longest = t;
  if (longest) take('long', [longest]);
  const withMedia = chosen.find((t) => !used.has(t.id) && t.media.length > 0);
  if (withMedia) take('media', [withMedia]);
  for (const reason of ['post', 'reply', 'retweet'] as const) {
    const t = chosen.find((c) => !used.has(c.id) && categories.get(c.id) === reason && c.text !== '');
    if (t) take(reason, [t]);
  }
  return out;
}

export function previewArchive(
  tweets: readonly ArchiveTweet[],
  filters: ImportFilters,
  targets: readonly MapContext[],
): ArchivePreview {
  const categories = categorize(tweets);
  const chosen = applyFilters(tweets, filters, categories);
  const samples = pickSamples(chosen, categories).map((s) => ({
    ...s,
    posts: targets.map((ctx) => mapTweets(s.tweets, ctx)),
  }));
  return { all: countTweets(tweets, categories), selected: countTweets(chosen, categories), chosen, samples };
}
