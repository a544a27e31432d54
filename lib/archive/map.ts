/**
 * ArchiveTweets made into what each network will be sent (ImportPosts):
 * own threads rebuilt from self-replies, text too long for the network split
 * with the composer's own splitter (lib/compose/split.ts, so an imported post
 * is cut exactly as a typed one would be), media attached or, when the
 * network or Sortie cannot take them, a link to the original tweet.
 *
 * Videos and GIFs: one alone on a tweet is attached as a video where the
 * account's server takes one that large (a GIF gets the alt text "GIF" when
 * the tweet has none, so a reader knows it loops); else, or beside photos,
 * they become a link to the original tweet.
 *
 * A reply to someone else opens with a line linking the tweet it answers on
 * the mirror, never an @mention (that name may be someone else there).
 *
 * Bluesky: the original `createdAt` (the app shows such posts as archived,
 * under their own date) and `langs` from the tweet. Mastodon cannot backdate:
 * each post that starts a thread opens with a line giving the original date,
 * in the user's language, and goes out unlisted.
 *
 * The text is split without " 1/3" numbering: it is the author's text, and a
 * split post is already shown as a thread.
 */
import { translate, type Lang } from '../i18n/index.ts';
import { splitForNetwork } from '../compose/split.ts';
import { NETWORKS } from '../networks/registry.ts';
import { textRulesOf, type ImportTarget } from '../networks/text-registry.ts';
import type { ArchiveTweet, ImportChange, ImportCost, ImportPart, ImportPost } from './model.ts';
import type { ArchiveMedia } from '../model/import.ts';

/**
 * What an account's network takes from an import (its text rules'
 * `importTarget`): the split limits, how many images, whether videos go as
 * video. It holds the split limits, so it is split with as it is.
 */
export type MapTarget = ImportTarget;

export interface MapContext {
  target: MapTarget;
  /** The original tweet's address for a reader (the chosen X mirror). */
  tweetLink: (xId: string) => string;
  /** Another account's tweet on the same mirror (what a reply to others answers). */
  replyLink: (screenName: string, xId: string) => string;
  /** Uncompressed size of a ZIP entry, 0 when unknown. */
  sizeOf: (entry: string) => number;
  /** Language of the date line on Mastodon. */
  lang: Lang;
  /** IANA time zone the date line is written in (the browser's). */
  timeZone: string;
}

/** One formatter per language and zone: building one costs far more than formatting (20,000 posts). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: Lang, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone });
    } catch {
      // An unknown time zone: UTC rather than no date.
      format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
    }
    dateFormats.set(key, format);
  }
  return format;
}

/** "Posted on X on 10 October 2018" in the user's language. */
export function dateLine(createdAt: number, lang: Lang, timeZone: string): string {
  return translate(lang, 'archive.post.dateLine', { date: dateFormat(lang, timeZone).format(createdAt) });
}

interface MediaChoice {
  attach: ArchiveMedia[];
  link: boolean;
  changes: ImportChange[];
}

/** A GIF without alt text says it is one: posted as a video, it would otherwise read as a silent clip. */
function withAlt(video: ArchiveMedia): ArchiveMedia {
  return video.type === 'animated_gif' && video.alt === '' ? { ...video, alt: 'GIF' } : video;
}

function chooseMedia(media: readonly ArchiveMedia[], ctx: MapContext): MediaChoice {
  const t = ctx.target;
  const changes: ImportChange[] = [];
  const photos = media.filter((m) => m.type === 'photo');
  const videos = media.filter((m) => m.type !== 'photo');
  const rules = textRulesOf(t.network);
  const max = rules.importMaxImages(t);
  // Both networks take either images or one video on a post, never both.
  const fits = (m: ArchiveMedia) => rules.importVideoFits(t, ctx.sizeOf(m.entry));
  const [video] = videos;
  if (video && photos.length === 0 && videos.length === 1 && fits(video)) {
    return { attach: [withAlt(video)], link: false, changes };
  }
  if (videos.length > 0) changes.push('video-as-link');
  const attach = photos.slice(0, max);
  if (photos.length > max) changes.push('media-as-link');
  return { attach, link: changes.length > 0, changes };
}

/** The ImportPost for one tweet; `replyToXId` is the included own tweet it continues, if any. */
export function mapTweet(tweet: ArchiveTweet, replyToXId: string | null, ctx: MapContext): ImportPost {
  const t = ctx.target;
  const media = chooseMedia(tweet.media, ctx);
  const changes = [...media.changes];
  let text = tweet.text;
  if (tweet.inReplyTo) {
    const line = `↩ ${ctx.replyLink(tweet.inReplyTo.screenName, tweet.inReplyTo.id)}`;
    text = text === '' ? line : `${line}\n${text}`;
  }
  if (media.link) text = text === '' ? ctx.tweetLink(tweet.id) : `${text}\n\n${ctx.tweetLink(tweet.id)}`;
  const capabilities = NETWORKS[t.network].capabilities;
  if (capabilities.archiveUnlistedWithDateLine && replyToXId === null)
    text = `${dateLine(tweet.createdAt, ctx.lang, ctx.timeZone)}\n${text}`;
  const split = splitForNetwork(text, t);
  if (split.length > 1) changes.push('split');
  if (split.some((p) => p.over)) changes.push('part-over-limit');
  const parts: ImportPart[] = split.map((p, i) => ({ text: p.text, media: i === 0 ? media.attach : [] }));
  // A media-only tweet is one post with empty text.
  if (parts.length === 0) parts.push({ text: '', media: media.attach });
  return {
    xId: tweet.id,
    network: t.network,
    replyToXId,
    parts,
    createdAt: capabilities.backdatedPosts ? new Date(tweet.createdAt).toISOString() : null,
    langs: tweet.lang === 'und' ? [] : [tweet.lang],
    visibility: capabilities.archiveUnlistedWithDateLine ? 'unlisted' : 'public',
    changes,
  };
}

/**
 * ImportPosts for the tweets chosen (oldest first, as read): a self-reply
 * continues its parent when the parent is imported too, and stands alone
 * otherwise (the parent was deleted, or filtered out).
 */
export function mapTweets(tweets: readonly ArchiveTweet[], ctx: MapContext): ImportPost[] {
  const included = new Set<string>();
  const out: ImportPost[] = [];
  for (const tweet of tweets) {
    const parent = tweet.inReplyToOwnId !== null && included.has(tweet.inReplyToOwnId) ? tweet.inReplyToOwnId : null;
    out.push(mapTweet(tweet, parent, ctx));
    included.add(tweet.id);
  }
  return out;
}

export function importCost(post: ImportPost): ImportCost {
  return { posts: post.parts.length, media: post.parts.reduce((n, p) => n + p.media.length, 0) };
}
