/**
 * Mastodon's text rules (lib/networks/text-rules.ts): counted as the server's
 * StatusLengthValidator counts (count.ts), tokens as its Extractor finds them
 * (tokens.ts), the content warning counted against every part of a thread,
 * and what PollOptionsValidator, PollExpirationValidator and the media
 * limits refuse.
 */
import type { Draft, DraftPoll } from '../../../model/draft.ts';
import { countCodePoints, countGraphemes } from '../../../text/graphemes.ts';
import type { MastodonLimits } from '../../network.ts';
import { imageWarnings } from '../../shared/image-warnings.ts';
import type { AdaptWarning, TextRules } from '../../text-rules.ts';
import { MASTODON_DEFAULT_LIMITS } from '../instance.ts';
import { countMastodon, type MastodonCount } from './count.ts';
import { mastodonMeter, type MastodonSplitLimits } from './meter.ts';
import { findMastodonTokens, mayMentionOnMastodon } from './tokens.ts';

/** What an imported tweet must fit on a Mastodon account. */
export interface MastodonImportTarget extends MastodonSplitLimits {
  maxMediaAttachments: number;
  /** Whether videos and GIFs are uploaded as video (else a link). */
  video: boolean;
  /** Bytes; larger videos become a link. */
  videoSizeLimit: number;
}

const MIN_POLL_OPTIONS = 2;

/** PollOptionsValidator and PollExpirationValidator, as Mastodon runs them. */
function pollWarnings(poll: DraftPoll, hasImages: boolean, limits: MastodonLimits): AdaptWarning[] {
  const out: AdaptWarning[] = [];
  if (hasImages) out.push({ code: 'poll-with-media', severity: 'error' });
  const { options } = poll;
  if (options.length < MIN_POLL_OPTIONS)
    out.push({ code: 'poll-too-few-options', severity: 'error', min: MIN_POLL_OPTIONS });
  if (options.length > limits.pollMaxOptions) {
    out.push({ code: 'poll-too-many-options', severity: 'error', count: options.length, max: limits.pollMaxOptions });
  }
  const max = limits.pollMaxCharactersPerOption;
  const long = options.flatMap((o, i) => (countGraphemes(o) > max ? [i] : []));
  if (long.length) out.push({ code: 'poll-option-too-long', severity: 'error', options: long, max });
  if (new Set(options).size !== options.length) out.push({ code: 'poll-duplicate-options', severity: 'error' });
  const min = limits.pollMinExpiration ?? MASTODON_DEFAULT_LIMITS.pollMinExpiration;
  const maxExpiry = limits.pollMaxExpiration ?? MASTODON_DEFAULT_LIMITS.pollMaxExpiration;
  if (poll.expiresInSeconds < min || poll.expiresInSeconds > maxExpiry) {
    out.push({ code: 'poll-expiry-out-of-range', severity: 'error', min, max: maxExpiry });
  }
  return out;
}

function warnings(draft: Draft, limits: MastodonLimits): AdaptWarning[] {
  const supported = new Set(limits.supportedMimeTypes);
  const out = imageWarnings(draft.images, {
    max: limits.maxMediaAttachments,
    sizeLimit: limits.imageSizeLimit,
    altTooLong: (alt) => countCodePoints(alt) > limits.descriptionLimit,
    altMax: limits.descriptionLimit,
    supported: (mime) => supported.has(mime),
  });
  if (draft.poll) out.push(...pollWarnings(draft.poll, draft.images.length > 0, limits));
  if (draft.labels.length > 0) out.push({ code: 'labels-as-sensitive', severity: 'info' });
  return out;
}

export const mastodonText: TextRules<'mastodon', MastodonSplitLimits, MastodonCount, MastodonImportTarget> = {
  network: 'mastodon',
  tokens: findMastodonTokens,
  mayMention: mayMentionOnMastodon,
  splitLimits: (limits) => ({
    network: 'mastodon',
    maxCharacters: limits.maxCharacters,
    charactersReservedPerUrl: limits.charactersReservedPerUrl,
  }),
  meter: mastodonMeter,
  count: (text, spoiler, limits) =>
    countMastodon(text, spoiler, {
      maxCharacters: limits.maxCharacters,
      charactersReservedPerUrl: limits.charactersReservedPerUrl,
    }),
  counted: (count) => ({ used: count.used, limit: count.limit }),
  overBytes: () => false,
  warnings,
  importNote: 'archive.accounts.mastodon',
  importTarget: (limits) => ({
    network: 'mastodon',
    maxCharacters: limits.maxCharacters,
    charactersReservedPerUrl: limits.charactersReservedPerUrl,
    maxMediaAttachments: limits.maxMediaAttachments,
    // The server's own figures, read at connect time; an account stored before they were kept gets Mastodon's.
    video: limits.supportedMimeTypes.includes('video/mp4'),
    videoSizeLimit: limits.videoSizeLimit ?? MASTODON_DEFAULT_LIMITS.videoSizeLimit,
  }),
  importMaxImages: (target) => target.maxMediaAttachments,
  importVideoFits: (target, size) => target.video && size <= target.videoSizeLimit,
};
