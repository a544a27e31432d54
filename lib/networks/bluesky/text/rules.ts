/**
 * Bluesky's text rules (lib/networks/text-rules.ts): graphemes and UTF-8
 * bytes both counted (count.ts), tokens as RichText finds them (tokens.ts),
 * no polls, no content-warning text (self-labels instead), and the lexicon's
 * image and language limits.
 */
import type { Draft } from '../../../model/draft.ts';
import { countGraphemes } from '../../../text/graphemes.ts';
import type { BlueskyLimits } from '../../network.ts';
import { BLUESKY_VIDEO_SIZE_LIMIT } from '../meta.ts';
import { imageWarnings } from '../../shared/image-warnings.ts';
import type { AdaptWarning, TextRules } from '../../text-rules.ts';
import { countBluesky, type BlueskyCount } from './count.ts';
import { blueskyMeter, type BlueskySplitLimits } from './meter.ts';
import { findBlueskyTokens, mayMentionOnBluesky } from './tokens.ts';

/** What an imported tweet must fit on a Bluesky account. */
export interface BlueskyImportTarget extends BlueskySplitLimits {
  maxImages: number;
  /** Whether videos and GIFs are posted as video (else a link to the original tweet). */
  video: boolean;
  /** Bytes (the PDS's blob limit, at most Bluesky's own); larger videos become a link. */
  videoSizeLimit: number;
}

function warnings(draft: Draft, limits: BlueskyLimits): AdaptWarning[] {
  const out = imageWarnings(draft.images, {
    max: limits.maxImages,
    sizeLimit: limits.imageSizeLimit,
    altTooLong: (alt) => alt.length > limits.altTextGraphemeLimit && countGraphemes(alt) > limits.altTextGraphemeLimit,
    altMax: limits.altTextGraphemeLimit,
    supported: (mime) => mime.startsWith('image/'),
  });
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

export const blueskyText: TextRules<'bluesky', BlueskySplitLimits, BlueskyCount, BlueskyImportTarget> = {
  network: 'bluesky',
  tokens: findBlueskyTokens,
  mayMention: mayMentionOnBluesky,
  splitLimits: (limits) => ({ network: 'bluesky', graphemeLimit: limits.graphemeLimit, byteLimit: limits.byteLimit }),
  // Bluesky has no content-warning text: nothing counts against a part but the part.
  meter: (analysis, limits) => blueskyMeter(analysis, limits),
  // The lexicon's limits are the same for every account.
  count: (text) => countBluesky(text),
  counted: (count) => ({ used: count.graphemes, limit: count.graphemeLimit }),
  overBytes: (count) => count.bytes > count.byteLimit,
  warnings,
  importNote: 'archive.accounts.bluesky',
  importTarget: (limits, videoSizeLimit = BLUESKY_VIDEO_SIZE_LIMIT) => ({
    network: 'bluesky',
    graphemeLimit: limits.graphemeLimit,
    byteLimit: limits.byteLimit,
    maxImages: limits.maxImages,
    video: videoSizeLimit !== null && videoSizeLimit > 0,
    videoSizeLimit: Math.min(videoSizeLimit ?? 0, BLUESKY_VIDEO_SIZE_LIMIT),
  }),
  importMaxImages: (target) => target.maxImages,
  importVideoFits: (target, size) => target.video && size <= target.videoSizeLimit,
};
