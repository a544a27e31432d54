import type { UserAuth } from './auth';
import { versionAtLeast, type Core } from './core';
import { statusLength } from './counting';
import { apiError, validationFailed, type RequestContext } from './http';
import { getBoolean, getInteger, getParams, getString, getStringArray, type Params } from './params';
import type { MediaRecord, QuotePolicy, Visibility } from './types';

// The parameters of POST /api/v1/statuses, read and validated in the order
// Api::V1::StatusesController and PostStatusService apply them, with the
// messages Mastodon's locale file gives each failure.

export interface PollInput {
  options: string[];
  expiresIn: number | undefined;
  multiple: boolean;
  hideTotals: boolean;
}

/** What the request asked for, before the checks that need the account's media. */
export interface ComposeRequest {
  text: string;
  spoilerText: string;
  sensitive: boolean | undefined;
  visibility: string | undefined;
  language: string | undefined;
  inReplyToId: string | null;
  mediaIds: string[] | undefined;
  poll: PollInput | null;
  quoteApprovalPolicy: QuotePolicy | null;
  scheduledAt: string | undefined;
}

const VISIBILITIES: Visibility[] = ['public', 'unlisted', 'private', 'direct'];
const REGIONAL_LANGUAGES = ['zh-CN', 'zh-HK', 'zh-TW', 'pt-BR', 'pt-PT', 'es-AR', 'es-MX', 'en-GB', 'fr-CA', 'sr-Latn'];
/** PostStatusService::MIN_SCHEDULE_OFFSET */
export const MIN_SCHEDULE_OFFSET_MS = 5 * 60 * 1000;

function readPoll(params: Params): PollInput | null {
  const poll = getParams(params, 'poll');
  if (!poll) return null;
  return {
    options: getStringArray(poll, 'options') ?? [],
    expiresIn: getInteger(poll, 'expires_in'),
    multiple: getBoolean(poll, 'multiple') ?? false,
    hideTotals: getBoolean(poll, 'hide_totals') ?? false,
  };
}

/** Api::InteractionPoliciesConcern: honoured from 4.5, anything unknown is RecordInvalid. */
function readQuotePolicy(core: Core, params: Params): QuotePolicy | null {
  const value = getString(params, 'quote_approval_policy');
  if (!versionAtLeast(core.opts.version, 4, 5) || value === undefined || value === '') return null;
  if (value === 'public' || value === 'followers' || value === 'nobody') return value;
  throw apiError(422, 'Record invalid');
}

export function readCompose(core: Core, ctx: RequestContext): ComposeRequest {
  const params = ctx.params;
  const inReplyToId = getString(params, 'in_reply_to_id') || null;
  if (inReplyToId && !core.state.statuses.some((s) => s.id === inReplyToId && !s.deleted)) {
    throw apiError(404, 'The post you are trying to reply to does not appear to exist.');
  }
  return {
    text: getString(params, 'status') ?? '',
    spoilerText: getString(params, 'spoiler_text') ?? '',
    sensitive: getBoolean(params, 'sensitive'),
    visibility: getString(params, 'visibility') || undefined,
    language: getString(params, 'language') || undefined,
    inReplyToId,
    mediaIds: getStringArray(params, 'media_ids'),
    poll: readPoll(params),
    quoteApprovalPolicy: readQuotePolicy(core, params),
    scheduledAt: getString(params, 'scheduled_at') || undefined,
  };
}

/** PostStatusService#validate_media!: plain messages, no "Validation failed:" prefix. */
export function validateMedia(core: Core, auth: UserAuth, request: ComposeRequest): MediaRecord[] {
  const ids = request.mediaIds ?? [];
  if (ids.length === 0) return [];
  const limit = core.opts.maxMediaAttachments;
  if (ids.length > limit || request.poll) throw apiError(422, `Cannot attach more than ${limit} files`);
  const media = ids
    .map((id) => core.state.media.find((m) => m.id === id && m.accountId === auth.account.id && m.statusId === null))
    .filter((m): m is MediaRecord => m !== undefined);
  const missing = ids.filter((id) => !media.some((m) => m.id === id));
  if (missing.length > 0)
    throw apiError(422, `Media ${missing.join(', ')} not found or already attached to another post`);
  if (media.length > 1 && media.some((m) => m.type === 'video' || m.type === 'audio')) {
    throw apiError(422, 'Cannot attach a video to a post that already contains images');
  }
  if (media.some((m) => m.processing)) {
    throw apiError(422, 'Cannot attach files that have not finished processing. Try again in a moment!');
  }
  return media;
}

/** Returns the moment to publish, or null to publish now (a past date also means now). */
export function parseScheduledAt(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const time = Date.parse(value);
  // PostStatusService turns the ArgumentError of a bad date into a bare RecordInvalid.
  if (Number.isNaN(time)) throw apiError(422, 'Record invalid');
  return time <= Date.now() ? null : new Date(time);
}

function pollErrors(core: Core, poll: PollInput): string[] {
  const POLL_LIMITS = core.opts.polls;
  const errors: string[] = [];
  if (poll.options.length < 2) errors.push('Poll options must have more than one item');
  if (poll.options.length > POLL_LIMITS.maxOptions)
    errors.push(`Poll options can't contain more than ${POLL_LIMITS.maxOptions} items`);
  if (poll.options.some((o) => [...o].length > POLL_LIMITS.maxCharactersPerOption)) {
    errors.push(`Poll options cannot be longer than ${POLL_LIMITS.maxCharactersPerOption} characters each`);
  }
  if (new Set(poll.options.map((o) => o.trim())).size !== poll.options.length)
    errors.push('Poll options contain duplicate items');
  const seconds = poll.expiresIn;
  // PollExpirationValidator reports a missing expiry as too far away, not as blank.
  if (seconds === undefined || seconds > POLL_LIMITS.maxExpiration)
    errors.push('Poll expires at is too far into the future');
  else if (seconds < POLL_LIMITS.minExpiration) errors.push('Poll expires at is too soon');
  return errors;
}

export interface ValidatedStatus {
  text: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string;
  quoteApprovalPolicy: QuotePolicy | null;
}

/** Status model validations, after PostStatusService#preprocess_attributes!. */
export function validateStatus(
  core: Core,
  request: ComposeRequest,
  media: MediaRecord[],
  scheduledAt: Date | null,
): ValidatedStatus {
  const sensitive = (request.sensitive ?? false) || request.spoilerText !== '';
  // A status with only a content warning is posted with the warning as its text.
  const swap = request.text.trim() === '' && request.spoilerText.trim() !== '';
  const text = swap ? request.spoilerText : request.text;
  const spoilerText = swap ? '' : request.spoilerText;
  const errors: string[] = [];
  if (text.trim() === '' && media.length === 0) errors.push("Text can't be blank");
  const max = core.opts.maxCharacters;
  if (statusLength(text, spoilerText, core.opts.charactersReservedPerUrl) > max)
    errors.push(`Text character limit of ${max} exceeded`);
  const visibility = (request.visibility ?? 'public') as Visibility;
  if (!VISIBILITIES.includes(visibility)) errors.push('Visibility is not included in the list');
  if (request.poll) errors.push(...pollErrors(core, request.poll));
  if (scheduledAt && scheduledAt.getTime() <= Date.now() + MIN_SCHEDULE_OFFSET_MS) {
    errors.push('Scheduled at The scheduled date must be in the future');
  }
  if (errors.length > 0) throw validationFailed(...errors);
  const language =
    request.language && (/^[a-z]{2,3}$/.test(request.language) || REGIONAL_LANGUAGES.includes(request.language))
      ? request.language
      : 'en';
  // From 4.5 every status has a policy: the request's, else the account default
  // ('public'); private mentions and followers-only posts can never be quoted.
  let quoteApprovalPolicy: QuotePolicy | null = null;
  if (versionAtLeast(core.opts.version, 4, 5)) {
    quoteApprovalPolicy =
      visibility === 'private' || visibility === 'direct' ? 'nobody' : (request.quoteApprovalPolicy ?? 'public');
  }
  return { text, spoilerText, sensitive, visibility, language, quoteApprovalPolicy };
}
