/**
 * Which tweets an import keeps, by the page's filters. The archive reader's
 * filters.ts replaces this once it lands (same input, same answer).
 */
import type { ArchiveTweet, ImportFilters } from './model.ts';

export function applyFilters(tweets: readonly ArchiveTweet[], filters: ImportFilters): ArchiveTweet[] {
  const ids = new Set(tweets.map((t) => t.id));
  return tweets.filter((t) => {
    if (filters.years !== 'all' && !filters.years.includes(new Date(t.createdAt).getUTCFullYear())) return false;
    const hasMedia = t.media.length > 0;
    if (hasMedia ? !filters.withMedia : !filters.withoutMedia) return false;
    switch (t.kind) {
      case 'post':
        return filters.ownPosts;
      case 'self-reply':
        // A self-reply to a tweet the archive does not hold is a post of its own.
        return t.inReplyToOwnId !== null && ids.has(t.inReplyToOwnId) ? filters.ownThreads : filters.ownPosts;
      case 'reply':
        return filters.repliesToOthers;
      case 'retweet':
        return filters.retweets;
    }
  });
}
