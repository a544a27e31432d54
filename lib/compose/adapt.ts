/**
 * One network-neutral draft made into what one network will accept: the text
 * (its per-network override if the user wrote one) split into thread parts,
 * and warnings about everything that will not go through as written.
 *
 * Severity: "error" means the network refuses the post as it is; "warning"
 * means it goes out, changed or degraded; "info" is worth showing.
 */
import type { Draft, DraftImage, DraftPoll, Network, SelfLabel } from '../model/draft.ts';
import { assertNever } from '../assert-never.ts';
import { NETWORKS } from '../networks/registry.ts';
import { countCodePoints, countGraphemes } from './graphemes.ts';
import {
  MASTODON_POLL_MAX_EXPIRATION,
  MASTODON_POLL_MIN_EXPIRATION,
  networkTarget,
  type BlueskyLimits,
  type LimitsByNetwork,
  type MastodonLimits,
  type NetworkTarget,
} from './limits.ts';
import { sentRange, sentText, textFor } from './sent.ts';
import { splitForNetwork, type SplitPart } from './split.ts';

export { BLUESKY_LIMITS } from './limits.ts';
export type { BlueskyLimits, LimitsByNetwork, MastodonLimits, NetworkLimits, NetworkTarget } from './limits.ts';

export type AdaptWarning =
  /** The text became a thread of `parts` posts. */
  | { code: 'split'; severity: 'info'; parts: number }
  /** Part `part` (0-based) is still too long: an unsplittable link, or a content warning leaving no room. */
  | { code: 'part-over-limit'; severity: 'error'; part: number }
  /** No text, no image, no poll: nothing to post. */
  | { code: 'empty'; severity: 'error' }
  | { code: 'too-many-images'; severity: 'error'; count: number; max: number }
  | { code: 'missing-alt'; severity: 'warning'; mediaIds: string[] }
  | { code: 'alt-too-long'; severity: 'error'; mediaIds: string[]; max: number }
  | { code: 'image-too-large'; severity: 'error'; mediaIds: string[]; max: number }
  | { code: 'unsupported-media-type'; severity: 'error'; mediaIds: string[] }
  /** Bluesky has no polls: the poll is left out. */
  | { code: 'poll-unsupported'; severity: 'warning' }
  /** Mastodon refuses a poll and media on the same post. */
  | { code: 'poll-with-media'; severity: 'error' }
  | { code: 'poll-too-few-options'; severity: 'error'; min: number }
  | { code: 'poll-too-many-options'; severity: 'error'; count: number; max: number }
  | { code: 'poll-option-too-long'; severity: 'error'; options: number[]; max: number }
  | { code: 'poll-duplicate-options'; severity: 'error' }
  | { code: 'poll-expiry-out-of-range'; severity: 'error'; min: number; max: number }
  /** Bluesky has no content warning text: a self-label must be chosen, or the post goes out unmarked. */
  | { code: 'content-warning-needs-label'; severity: 'warning' }
  /** Bluesky: the content warning text is dropped and these self-labels mark the post instead. */
  | { code: 'content-warning-as-label'; severity: 'info'; labels: SelfLabel[] }
  /** Mastodon has no self-labels: the post (and its media) is marked sensitive instead. */
  | { code: 'labels-as-sensitive'; severity: 'info' }
  | { code: 'too-many-langs'; severity: 'warning'; count: number; max: number };

export interface AdaptedDraft {
  parts: string[];
  warnings: AdaptWarning[];
}

/** AdaptedDraft plus what the preview shows: the split parts with their ranges and over flags. */
export interface AdaptedDraftDetail extends AdaptedDraft {
  split: SplitPart[];
}

const MIN_POLL_OPTIONS = 2;

export { textFor } from './sent.ts';

function ids(images: readonly DraftImage[], test: (image: DraftImage) => boolean): string[] {
  return images.filter(test).map((i) => i.mediaId);
}

function imageWarnings(
  images: readonly DraftImage[],
  max: number,
  sizeLimit: number,
  altTooLong: (alt: string) => boolean,
  altMax: number,
  supported: (mime: string) => boolean,
): AdaptWarning[] {
  const out: AdaptWarning[] = [];
  if (images.length > max) out.push({ code: 'too-many-images', severity: 'error', count: images.length, max });
  const noAlt = ids(images, (i) => i.alt.trim() === '');
  if (noAlt.length) out.push({ code: 'missing-alt', severity: 'warning', mediaIds: noAlt });
  const longAlt = ids(images, (i) => altTooLong(i.alt));
  if (longAlt.length) out.push({ code: 'alt-too-long', severity: 'error', mediaIds: longAlt, max: altMax });
  const big = ids(images, (i) => i.size > sizeLimit);
  if (big.length) out.push({ code: 'image-too-large', severity: 'error', mediaIds: big, max: sizeLimit });
  const unsupported = ids(images, (i) => !supported(i.mime));
  if (unsupported.length) out.push({ code: 'unsupported-media-type', severity: 'error', mediaIds: unsupported });
  return out;
}

/** PollOptionsValidator and PollExpirationValidator, as Mastodon runs them. */
function mastodonPollWarnings(poll: DraftPoll, hasImages: boolean, limits: MastodonLimits): AdaptWarning[] {
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
  const min = limits.pollMinExpiration ?? MASTODON_POLL_MIN_EXPIRATION;
  const maxExpiry = limits.pollMaxExpiration ?? MASTODON_POLL_MAX_EXPIRATION;
  if (poll.expiresInSeconds < min || poll.expiresInSeconds > maxExpiry) {
    out.push({ code: 'poll-expiry-out-of-range', severity: 'error', min, max: maxExpiry });
  }
  return out;
}

function mastodonWarnings(draft: Draft, limits: MastodonLimits): AdaptWarning[] {
  const supported = new Set(limits.supportedMimeTypes);
  const out = imageWarnings(
    draft.images,
    limits.maxMediaAttachments,
    limits.imageSizeLimit,
    (alt) => countCodePoints(alt) > limits.descriptionLimit,
    limits.descriptionLimit,
    (mime) => supported.has(mime),
  );
  if (draft.poll) out.push(...mastodonPollWarnings(draft.poll, draft.images.length > 0, limits));
  if (draft.labels.length > 0) out.push({ code: 'labels-as-sensitive', severity: 'info' });
  return out;
}

function blueskyWarnings(draft: Draft, limits: BlueskyLimits): AdaptWarning[] {
  const out = imageWarnings(
    draft.images,
    limits.maxImages,
    limits.imageSizeLimit,
    (alt) => alt.length > limits.altTextGraphemeLimit && countGraphemes(alt) > limits.altTextGraphemeLimit,
    limits.altTextGraphemeLimit,
    (mime) => mime.startsWith('image/'),
  );
  if (draft.poll) out.push({ code: 'poll-unsupported', severity: 'warning' });
  if (draft.contentWarning.trim() !== '' || draft.sensitive) {
    out.push(
      draft.labels.length > 0
        ? { code: 'content-warning-as-label', severity: 'info', labels: [...draft.labels] }
        : { code: 'content-warning-needs-label', severity: 'warning' },
    );
  }
  if (draft.langs.length > limits.maxLangs) {
    out.push({ code: 'too-many-langs', severity: 'warning', count: draft.langs.length, max: limits.maxLangs });
  }
  return out;
}

function splitText(draft: Draft, text: string, target: NetworkTarget): SplitPart[] {
  switch (target.network) {
    case 'mastodon':
      return splitForNetwork(
        text,
        {
          network: 'mastodon',
          maxCharacters: target.limits.maxCharacters,
          charactersReservedPerUrl: target.limits.charactersReservedPerUrl,
        },
        { numbering: draft.numbering, spoiler: draft.contentWarning },
      );
    case 'bluesky':
      return splitForNetwork(
        text,
        { network: 'bluesky', graphemeLimit: target.limits.graphemeLimit, byteLimit: target.limits.byteLimit },
        { numbering: draft.numbering },
      );
    default:
      return assertNever(target, 'network');
  }
}

/** What this network refuses or drops (media, polls, languages...). */
function networkWarnings(draft: Draft, target: NetworkTarget): AdaptWarning[] {
  switch (target.network) {
    case 'mastodon':
      return mastodonWarnings(draft, target.limits);
    case 'bluesky':
      return blueskyWarnings(draft, target.limits);
    default:
      return assertNever(target, 'network');
  }
}

/** The thread parts of what is sent (sent.ts), with ranges in the text as written. */
function splitFor(draft: Draft, target: NetworkTarget): SplitPart[] {
  const written = textFor(draft, target.network);
  const { start } = sentRange(written);
  const text = sentText(draft, target.network);
  const parts = splitText(draft, text, target);
  return start === 0 ? parts : parts.map((p) => ({ ...p, start: p.start + start, end: p.end + start }));
}

/** adaptDraft for a network and limits already paired (what the preview holds). */
export function adaptForTarget(draft: Draft, target: NetworkTarget): AdaptedDraftDetail {
  const split = splitFor(draft, target);
  const warnings: AdaptWarning[] = [];
  if (split.length > 1) warnings.push({ code: 'split', severity: 'info', parts: split.length });
  split.forEach((p, part) => {
    if (p.over) warnings.push({ code: 'part-over-limit', severity: 'error', part });
  });
  const attachments = draft.images.length > 0 || (NETWORKS[target.network].capabilities.polls && draft.poll !== null);
  if (split.length === 0 && !attachments) warnings.push({ code: 'empty', severity: 'error' });
  warnings.push(...networkWarnings(draft, target));
  // A media- or poll-only post is still one post, with empty text.
  const parts = split.length === 0 && attachments ? [''] : split.map((p) => p.text);
  return { parts, warnings, split };
}

export function adaptDraft<N extends Network>(draft: Draft, network: N, limits: LimitsByNetwork[N]): AdaptedDraft {
  const { parts, warnings } = adaptForTarget(draft, networkTarget(network, limits));
  return { parts, warnings };
}
