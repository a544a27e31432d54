/**
 * What a network's text half (`lib/networks/<network>/text/rules.ts`) tells
 * the composer and the archive import: how a post is counted, what must
 * never be cut, how a long text is measured for splitting into a thread, what
 * the network refuses in a post, and what an imported tweet must fit. Pure,
 * with no network client, but kept apart from the light meta because it
 * carries the tokenizers and the TLD list: the service worker never loads it
 * (checked by `npm run lint:layers`).
 */
import type { MessageKey } from '../i18n/index.ts';
import type { Draft, SelfLabel } from '../model/draft.ts';
import type { TextAnalysis } from '../text/analysis.ts';
import type { Meter } from '../text/meter.ts';
import type { Token } from '../text/tokens.ts';
import type { LimitsOf, Network } from './network.ts';

/**
 * What will not go through as written. Severity: "error" means the network
 * refuses the post as it is; "warning" means it goes out, changed or
 * degraded; "info" is worth showing.
 */
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

/**
 * One network's text rules. `SplitLimits` is what the splitter measures
 * against (tagged with the network, so a split can be asked for without an
 * account, as the archive import and the tests do); `Count` is a post's
 * length in the network's own units; `ImportTarget` is what an imported
 * tweet must fit there (it holds the split limits).
 */
export interface TextRules<
  N extends Network,
  SplitLimits extends { network: N },
  Count extends { over: boolean },
  ImportTarget extends SplitLimits & { video: boolean },
> {
  network: N;
  /** What a split must keep whole and the preview draws as links: links, mentions and tags as the network finds them. */
  tokens(text: string): Token[];
  /** Whether the text has something that looks like a mention here, so asking the server which resolve is worth a round trip. */
  mayMention(text: string): boolean;
  /** The part of an account's limits the splitter measures with. */
  splitLimits(limits: LimitsOf<N>): SplitLimits;
  /** How full a part is, in the network's unit; `spoiler` is the content warning, which a network may count against each part. */
  meter(analysis: TextAnalysis, limits: SplitLimits, spoiler: string): Meter;
  /** A post's length (the content warning counted where the network counts it). */
  count(text: string, spoiler: string, limits: LimitsOf<N>): Count;
  /** The counter's numbers: what the person sees as used and the limit, in the unit the network is known by. */
  counted(count: Count): { used: number; limit: number };
  /** Whether a text is over a byte limit, one people cannot see in a count of characters. */
  overBytes(count: Count): boolean;
  /** What the network refuses or drops in this draft (media, polls, content warnings, languages...). */
  warnings(draft: Draft, limits: LimitsOf<N>): AdaptWarning[];
  /** What the archive import page says of an import here (shown when the user has an account there). */
  importNote: MessageKey;
  /**
   * What an imported tweet must fit on an account with these limits.
   * `videoSizeLimit`: what the account's server said it takes, where the
   * network must be asked (bytes; null: no video); left out, the network's own.
   */
  importTarget(limits: LimitsOf<N>, videoSizeLimit?: number | null): ImportTarget;
  /** How many images a post to this target takes. */
  importMaxImages(target: ImportTarget): number;
  /** Whether a video of this size (0 when unknown) can be attached to a post to this target. */
  importVideoFits(target: ImportTarget, size: number): boolean;
}
