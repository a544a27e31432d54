/**
 * What an imported tweet says on each network, until the archive reader's
 * own mapping (map.ts) is wired in here. The X-specific rules that matter to
 * running an import: an X `@name` stays plain text (a word joiner after the
 * `@` keeps either network from making it a mention of whoever holds that
 * name there), and Mastodon, which cannot backdate, gets the original date as
 * the first line.
 */
import type { Network } from '../compose/draft.ts';
import { assertNever } from '../assert-never.ts';
import type { ArchiveTweet } from './model.ts';

const WORD_JOINER = '\u2060';

/** `@name` as X writes it (1–15 word characters), not inside an address or a URL path. */
const X_MENTION = /(^|[^\w@/.])@(\w{1,15})\b/g;

export function unlinkXMentions(text: string): string {
  return text.replace(X_MENTION, `$1@${WORD_JOINER}$2`);
}

/** The date a Mastodon copy starts with, in UTC (the archive's own zone). */
export function originalDateLine(createdAt: number): string {
  return `📅 ${new Date(createdAt).toISOString().slice(0, 10)}`;
}

export function postTextFor(tweet: Pick<ArchiveTweet, 'text' | 'createdAt'>, network: Network): string {
  const text = unlinkXMentions(tweet.text);
  switch (network) {
    case 'bluesky':
      return text;
    case 'mastodon':
      return text === '' ? originalDateLine(tweet.createdAt) : `${originalDateLine(tweet.createdAt)}\n${text}`;
    default:
      return assertNever(network);
  }
}

/** X's `lang` as a BCP-47 tag, or none: X uses `und` and private `q…` codes (qme: media only, qht: hashtags…) and `zxx`. */
export function langsOf(lang: string): string[] {
  if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(lang)) return [];
  if (lang === 'und' || lang === 'zxx' || /^q[a-t][a-z]$/.test(lang)) return [];
  return [lang];
}
