/**
 * The body of `POST /api/v1/statuses` for one thread part. Pure, so every
 * field choice is tested without a server. Keys are camelCase: masto turns
 * them into the snake_case JSON Mastodon reads.
 */
import type { PartToSend } from '../../types.ts';
import { PublishError } from '../../types.ts';
import type { MastodonInstanceInfo } from '../instance.ts';
import { mapInteractionToMastodon, type QuoteApprovalPolicy } from '../interaction.ts';
import type { MastodonVisibility } from '../../../model/draft.ts';
import { MASTODON_SCHEDULE_AHEAD_MS } from '../meta.ts';

export interface MastodonStatusParams {
  status: string;
  mediaIds?: string[];
  /** Always sent, even empty, so a server default can never add or drop a warning. */
  spoilerText: string;
  sensitive: boolean;
  visibility: MastodonVisibility;
  language?: string;
  poll?: { options: string[]; expiresIn: number; multiple: boolean };
  inReplyToId?: string;
  scheduledAt?: string;
  quoteApprovalPolicy?: QuoteApprovalPolicy;
}

/**
 * Mastodon's posting languages (LanguagesHelper::SUPPORTED_LOCALES) are bare
 * ISO 639-1/639-3 codes plus four Chinese variants. It silently replaces any
 * other code with the account's default language, so a BCP-47 tag is reduced
 * to what it knows: 'en-US' -> 'en', 'pt-BR' -> 'pt', 'zh-Hant-HK' -> 'zh-HK'.
 */
const CHINESE_VARIANTS = new Set(['CN', 'HK', 'TW', 'YUE']);
const CHINESE_SCRIPTS: Record<string, string> = { hans: 'CN', hant: 'TW' };

export function toMastodonLanguage(tag: string): string | undefined {
  const [first, ...rest] = tag.trim().split(/[-_]/).filter(Boolean);
  const primary = first?.toLowerCase();
  if (!primary || !/^[a-z]{2,3}$/.test(primary)) return undefined;
  if (primary !== 'zh') return primary;
  const subtags = rest.map((s) => s.toLowerCase());
  const variant =
    subtags.map((s) => s.toUpperCase()).find((s) => CHINESE_VARIANTS.has(s)) ??
    subtags.map((s) => CHINESE_SCRIPTS[s]).find((s) => s !== undefined);
  return variant ? `zh-${variant}` : 'zh';
}

export function buildStatusParams(
  part: PartToSend,
  instance: Pick<MastodonInstanceInfo, 'supportsQuotePolicy'>,
  mediaIds: string[],
  now: number,
): MastodonStatusParams {
  const interaction = mapInteractionToMastodon(part.interaction, part.visibility, instance);
  const contentWarning = part.contentWarning.trim();
  const params: MastodonStatusParams = {
    status: part.text,
    spoilerText: contentWarning,
    // A content warning hides the media too, so it always implies sensitive.
    sensitive: part.sensitive || contentWarning !== '',
    visibility: interaction.visibility,
  };
  if (mediaIds.length) params.mediaIds = mediaIds;
  const language = part.langs[0] ? toMastodonLanguage(part.langs[0]) : undefined;
  if (language) params.language = language;
  if (part.poll) {
    params.poll = {
      options: [...part.poll.options],
      expiresIn: part.poll.expiresInSeconds,
      multiple: part.poll.multiple,
    };
  }
  if (part.parent) params.inReplyToId = part.parent.id;
  const scheduledAt = serverSchedule(part.scheduledAt, now);
  if (scheduledAt) params.scheduledAt = scheduledAt;
  if (interaction.quoteApprovalPolicy) params.quoteApprovalPolicy = interaction.quoteApprovalPolicy;
  return params;
}

/** The ISO time to hand to the server, or null to post now (no schedule, or too close to schedule). */
export function serverSchedule(scheduledAt: string | null, now: number): string | null {
  if (!scheduledAt) return null;
  const at = Date.parse(scheduledAt);
  if (Number.isNaN(at)) throw new PublishError('validation', 'error.mastodon.invalidSchedule', scheduledAt);
  return at - now >= MASTODON_SCHEDULE_AHEAD_MS ? new Date(at).toISOString() : null;
}
