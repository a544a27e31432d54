import { findAccount, findFollow, versionAtLeast, type Core } from './core';
import { renderStatus } from './format';
import { renderMarkdown } from './profiles';
import { serializeAccount } from './serialize-account';
import type { AccountRecord, MediaRecord, PollRecord, ScheduledStatusRecord, StatusRecord } from './types';

// REST::StatusSerializer, REST::MediaAttachmentSerializer, REST::PollSerializer
// and REST::ScheduledStatusSerializer.

/** Mastodon's "small" style is resized to at most 640x360 worth of pixels. */
const SMALL_PIXELS = 230_400;
/** A valid blurhash; computing a real one from pixels would need an image decoder. */
const BLURHASH = 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}';

function sizeMeta(width: number, height: number) {
  return { width, height, size: `${width}x${height}`, aspect: width / height };
}

export function mediaFileUrl(core: Core, media: MediaRecord, style: 'original' | 'small'): string {
  return `${core.baseUrl}/system/media_attachments/files/${media.id}/${style}/${encodeURIComponent(media.fileName)}`;
}

export function serializeMedia(core: Core, media: MediaRecord): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (media.width !== null && media.height !== null) {
    meta.original = sizeMeta(media.width, media.height);
    const scale = Math.min(1, Math.sqrt(SMALL_PIXELS / (media.width * media.height)));
    meta.small = sizeMeta(Math.max(1, Math.round(media.width * scale)), Math.max(1, Math.round(media.height * scale)));
  }
  if (media.focus) meta.focus = media.focus;
  const visual = media.type !== 'audio';
  return {
    id: media.id,
    type: media.type,
    // While the full-size file is processed only the thumbnail exists.
    url: media.processing ? null : mediaFileUrl(core, media, 'original'),
    preview_url: visual ? mediaFileUrl(core, media, 'small') : null,
    remote_url: null,
    preview_remote_url: null,
    text_url: media.statusId ? `${core.baseUrl}/media/${media.id}` : null,
    meta,
    description: media.description,
    blurhash: visual ? BLURHASH : null,
  };
}

export function serializePoll(poll: PollRecord, viewerIsOwner: boolean): Record<string, unknown> {
  const expired = poll.expiresAt.getTime() <= Date.now();
  return {
    id: poll.id,
    expires_at: poll.expiresAt.toISOString(),
    expired,
    multiple: poll.multiple,
    votes_count: 0,
    voters_count: 0,
    // Poll#voted? counts the author as having voted on their own poll.
    voted: viewerIsOwner,
    own_votes: [],
    options: poll.options.map((title) => ({
      title,
      votes_count: poll.hideTotals && !expired && !viewerIsOwner ? null : 0,
    })),
    emojis: [],
  };
}

function quoteApproval(core: Core, status: StatusRecord, viewer: AccountRecord | null) {
  const policy = status.quoteApprovalPolicy ?? 'public';
  const automatic = policy === 'public' ? ['public'] : policy === 'followers' ? ['followers'] : [];
  let currentUser: string;
  if (!viewer) currentUser = 'unknown';
  else if (viewer.id === status.accountId) currentUser = 'automatic';
  else if (policy === 'public') currentUser = 'automatic';
  else if (policy === 'followers' && findFollow(core, viewer.id, status.accountId)?.state === 'accepted')
    currentUser = 'automatic';
  else currentUser = 'denied';
  return { automatic, manual: [], current_user: currentUser };
}

export function statusUrl(core: Core, status: StatusRecord, author: AccountRecord): string {
  return `${core.baseUrl}/@${author.username}/${status.id}`;
}

export function serializeStatus(
  core: Core,
  status: StatusRecord,
  viewer: AccountRecord | null,
  options: { withSource?: boolean } = {},
): Record<string, unknown> {
  const author = findAccount(core, status.accountId);
  if (!author) throw new Error(`status ${status.id} has no author`);
  const owner = viewer?.id === author.id;
  const rendered = renderStatus(core, status.text);
  const parent = status.inReplyToId ? core.state.statuses.find((s) => s.id === status.inReplyToId) : undefined;
  const app = status.appId ? core.state.apps.find((a) => a.id === status.appId) : undefined;
  const since45 = versionAtLeast(core.opts.version, 4, 5);
  const json: Record<string, unknown> = {
    id: status.id,
    created_at: status.createdAt.toISOString(),
    in_reply_to_id: status.inReplyToId,
    in_reply_to_account_id: parent?.accountId ?? null,
    sensitive: status.sensitive,
    spoiler_text: status.spoilerText,
    visibility: status.visibility,
    language: status.language,
    uri: `${core.baseUrl}/users/${author.username}/statuses/${status.id}`,
    url: statusUrl(core, status, author),
    replies_count: core.state.statuses.filter((s) => s.inReplyToId === status.id && !s.deleted).length,
    reblogs_count: 0,
    favourites_count: 0,
    ...(since45 ? { quotes_count: 0 } : {}),
    edited_at: null,
    ...(viewer ? { favourited: false, reblogged: false, muted: false, bookmarked: false } : {}),
    ...(owner && (status.visibility === 'public' || status.visibility === 'unlisted' || status.visibility === 'private')
      ? { pinned: false }
      : {}),
    content: core.opts.markdown ? renderMarkdown(rendered.html) : rendered.html,
    ...(options.withSource ? { text: status.text } : {}),
    reblog: null,
    ...(owner && app ? { application: { name: app.name, website: app.website } } : {}),
    account: serializeAccount(core, author),
    media_attachments: status.mediaIds
      .map((id) => core.state.media.find((m) => m.id === id))
      .filter((m): m is MediaRecord => m !== undefined)
      .map((m) => serializeMedia(core, m)),
    mentions: rendered.mentions.map((a) => ({
      id: a.id,
      username: a.username,
      url: a.url,
      acct: serializeAccount(core, a).acct,
    })),
    tags: rendered.tags.map((name) => ({ name, url: `${core.baseUrl}/tags/${encodeURIComponent(name)}` })),
    emojis: [],
    ...(since45 ? { quote: null, quote_approval: quoteApproval(core, status, viewer) } : {}),
    card: null,
    poll: status.poll ? serializePoll(status.poll, owner) : null,
  };
  return json;
}

export function serializeScheduled(core: Core, scheduled: ScheduledStatusRecord): Record<string, unknown> {
  return {
    id: scheduled.id,
    scheduled_at: scheduled.scheduledAt.toISOString(),
    params: scheduled.params,
    media_attachments: scheduled.mediaIds
      .map((id) => core.state.media.find((m) => m.id === id))
      .filter((m): m is MediaRecord => m !== undefined)
      .map((m) => serializeMedia(core, m)),
  };
}
