import { authorizeIfGotToken, requireUser, type UserAuth } from './auth';
import { findAccount, findFollow, type Core } from './core';
import { getInteger, getString } from './params';
import { parseScheduledAt, readCompose, validateMedia, validateStatus, type ComposeRequest } from './compose';
import { renderStatus } from './format';
import { apiError, recordNotFound, sendHtml, sendJson, type RequestContext } from './http';
import { snowflakeId } from './ids';
import { throttledHeaders } from './ratelimit';
import type { Route } from './router';
import { serializeScheduled, serializeStatus } from './serialize-status';
import type { AccountRecord, MediaRecord, ScheduledStatusRecord, StatusRecord } from './types';

// POST/GET/DELETE /api/v1/statuses and /api/v1/scheduled_statuses, with the
// Idempotency-Key store and the faults tests queue for status creation.

const RAILS_500 = `<!DOCTYPE html>
<html><head><title>We're sorry, but something went wrong (500)</title></head>
<body><div class="dialog"><h1>We're sorry, but something went wrong.</h1></div></body></html>`;
const NGINX_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>`;

/** Answers an injected fault; true when the request is finished. */
function applyFault(core: Core, ctx: RequestContext): boolean {
  const fault = core.faults.nextStatuses.shift();
  switch (fault) {
    case undefined:
      return false;
    case 'error500':
      // An unhandled exception: Rails renders public/500.html, not JSON.
      sendHtml(ctx, 500, RAILS_500);
      return true;
    case 'error502':
      // The reverse proxy answers when Puma is down.
      sendHtml(ctx, 502, NGINX_502);
      return true;
    case 'error503':
      // Api::BaseController's answer to Mastodon::RaceConditionError and Stoplight red lights.
      sendJson(ctx, 503, { error: 'There was a temporary problem serving your request, please try again' });
      return true;
    case 'rateLimit':
      sendJson(ctx, 429, { error: 'Too many requests' }, throttledHeaders(core.faults.rateLimitResetMs));
      return true;
    case 'lostResponse':
      ctx.loseResponse = true;
      return false;
    case 'hugeBody':
      sendHugeBody(core, ctx);
      return true;
  }
}

/** A hostile server's answer: 200 JSON with no Content-Length, 200 MB streamed, or until the client hangs up. */
export const HUGE_BODY_BYTES = 200_000_000;
/**
 * How fast it sends: 64 kB a millisecond, about 500 Mbit/s, a fast server's link. Unpaced, a
 * loopback socket gives Firefox's network process 1 GB/s to read ahead of the page, and what
 * reached the browser before Sortie's abort measured how far Firefox reads ahead (80–165 MB),
 * not whether Sortie stopped.
 */
const HUGE_BODY_CHUNKS_PER_MS = 1;

function sendHugeBody(core: Core, ctx: RequestContext): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const { res } = ctx;
  let finish = () => {};
  const record = { bytes: 0, clientClosed: false, done: new Promise<void>((resolve) => (finish = resolve)) };
  core.faults.hugeBodies.push(record);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.on('close', () => {
    record.clientClosed = !res.writableFinished;
    finish();
  });
  const started = Date.now();
  const pump = (): void => {
    // Respect backpressure: bytes counted are bytes the socket accepted, not bytes queued in memory.
    while (!res.destroyed && record.bytes < HUGE_BODY_BYTES) {
      if (record.bytes / chunk.byteLength >= (Date.now() - started + 1) * HUGE_BODY_CHUNKS_PER_MS) {
        setTimeout(pump, 1);
        return;
      }
      record.bytes += chunk.byteLength;
      if (!res.write(record.bytes === chunk.byteLength ? Buffer.concat([Buffer.from('{"id":"'), chunk]) : chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end('"}');
  };
  pump();
}

function idempotencyKeyOf(ctx: RequestContext): string | null {
  const key = ctx.req.headers['idempotency-key'];
  return typeof key === 'string' && key.trim() !== '' ? key : null;
}

function pollFrom(request: ComposeRequest) {
  if (!request.poll) return null;
  return {
    id: snowflakeId(),
    options: request.poll.options,
    expiresAt: new Date(Date.now() + (request.poll.expiresIn ?? 0) * 1000),
    multiple: request.poll.multiple,
    hideTotals: request.poll.hideTotals,
  };
}

function schedule(
  core: Core,
  auth: UserAuth,
  request: ComposeRequest,
  media: MediaRecord[],
  at: Date,
  key: string | null,
) {
  const validated = validateStatus(core, request, media, at);
  const record: ScheduledStatusRecord = {
    id: snowflakeId(),
    accountId: auth.account.id,
    scheduledAt: at,
    mediaIds: media.map((m) => m.id),
    idempotencyKey: key,
    createdAt: new Date(),
    params: {
      text: validated.text,
      poll: request.poll
        ? {
            options: request.poll.options,
            expires_in: request.poll.expiresIn ?? 0,
            multiple: request.poll.multiple,
            hide_totals: request.poll.hideTotals,
          }
        : null,
      media_ids: request.mediaIds ?? null,
      sensitive: request.sensitive ?? null,
      spoiler_text: request.spoilerText === '' ? null : request.spoilerText,
      visibility: (request.visibility as ScheduledStatusRecord['params']['visibility']) ?? null,
      language: request.language ?? null,
      in_reply_to_id: request.inReplyToId,
      application_id: auth.token.appId,
      quote_approval_policy: request.quoteApprovalPolicy,
      scheduled_at: null,
      idempotency: null,
      with_rate_limit: false,
    },
  };
  for (const m of media) m.scheduledStatusId = record.id;
  core.state.scheduledStatuses.push(record);
  return record;
}

function publish(
  core: Core,
  auth: UserAuth,
  request: ComposeRequest,
  media: MediaRecord[],
  key: string | null,
): StatusRecord {
  const validated = validateStatus(core, request, media, null);
  const status: StatusRecord = {
    id: snowflakeId(),
    accountId: auth.account.id,
    appId: auth.token.appId,
    ...validated,
    inReplyToId: request.inReplyToId,
    mediaIds: media.map((m) => m.id),
    poll: pollFrom(request),
    idempotencyKey: key,
    createdAt: new Date(),
    deleted: false,
  };
  for (const m of media) m.statusId = status.id;
  core.state.statuses.push(status);
  return status;
}

function create(core: Core, ctx: RequestContext): void {
  // Proxy errors and rack-attack throttling happen before Rails authenticates anyone.
  if (applyFault(core, ctx)) return;
  const auth = requireUser(core, ctx, ['write', 'write:statuses']);
  if (core.opts.jsonOnlyStatuses && !/^application\/json\b/i.test(ctx.req.headers['content-type'] ?? '')) {
    // Hollo validates the body with zod as JSON: a form body is a 400.
    throw apiError(400, 'Invalid request: the body must be JSON');
  }
  const request = readCompose(core, ctx);
  const ttlMs = core.opts.idempotencyKeyTtlMs;
  // A server that ignores the header (GoToSocial) neither stores nor finds a key.
  const key = ttlMs === null ? null : idempotencyKeyOf(ctx);
  const storeKey = key === null ? null : `${auth.account.id}:${key}`;
  const previous = storeKey === null ? undefined : core.state.idempotency.get(storeKey);
  if (previous && previous.expiresAt > Date.now()) {
    // PostStatusService returns the first result before validating anything again.
    if (previous.kind === 'scheduled') {
      const scheduled = core.state.scheduledStatuses.find((s) => s.id === previous.id);
      if (scheduled) return sendJson(ctx, 200, serializeScheduled(core, scheduled));
    } else {
      const status = core.state.statuses.find((s) => s.id === previous.id);
      if (status) return sendJson(ctx, 200, serializeStatus(core, status, auth.account));
    }
  }
  const media = validateMedia(core, auth, request);
  // Hollo and GoToSocial ignore `scheduled_at`: the post is published now and answered as a Status.
  const at = core.opts.ignoresScheduledAt ? null : parseScheduledAt(request.scheduledAt);
  if (at) {
    const scheduled = schedule(core, auth, request, media, at, key);
    if (storeKey)
      core.state.idempotency.set(storeKey, {
        kind: 'scheduled',
        id: scheduled.id,
        expiresAt: Date.now() + (ttlMs ?? 0),
      });
    sendJson(ctx, 200, serializeScheduled(core, scheduled));
    return;
  }
  const status = publish(core, auth, request, media, key);
  if (storeKey)
    core.state.idempotency.set(storeKey, { kind: 'status', id: status.id, expiresAt: Date.now() + (ttlMs ?? 0) });
  sendJson(ctx, 200, serializeStatus(core, status, auth.account));
}

/** StatusPolicy#show?: public and unlisted for all, private for followers, direct for the mentioned. */
function canSee(core: Core, status: StatusRecord, viewer: AccountRecord | null): boolean {
  if (status.visibility === 'public' || status.visibility === 'unlisted') return true;
  if (!viewer) return false;
  if (viewer.id === status.accountId) return true;
  if (renderStatus(core, status.text).mentions.some((a) => a.id === viewer.id)) return true;
  return status.visibility === 'private' && findFollow(core, viewer.id, status.accountId)?.state === 'accepted';
}

function show(core: Core, ctx: RequestContext): void {
  const auth = authorizeIfGotToken(core, ctx, ['read', 'read:statuses']);
  const status = core.state.statuses.find((s) => s.id === ctx.routeParams.id && !s.deleted);
  if (!status || !canSee(core, status, auth?.account ?? null)) throw recordNotFound();
  sendJson(ctx, 200, serializeStatus(core, status, auth?.account ?? null));
}

function destroy(core: Core, ctx: RequestContext): void {
  const auth = requireUser(core, ctx, ['write', 'write:statuses']);
  const status = core.state.statuses.find((s) => s.id === ctx.routeParams.id && !s.deleted);
  if (!status || status.accountId !== auth.account.id) throw recordNotFound();
  status.deleted = true;
  // The answer carries the source text so clients can offer "delete and redraft".
  sendJson(ctx, 200, serializeStatus(core, status, auth.account, { withSource: true }));
}

function ownScheduled(core: Core, ctx: RequestContext, auth: UserAuth): ScheduledStatusRecord {
  const scheduled = core.state.scheduledStatuses.find(
    (s) => s.id === ctx.routeParams.id && s.accountId === auth.account.id,
  );
  if (!scheduled) throw recordNotFound();
  return scheduled;
}

const ACCOUNT_STATUSES_MAX = 40;

/** `GET /api/v1/accounts/:id/statuses`: newest first, `max_id`/`since_id` paging, what the viewer may see (the author: all). */
function accountStatuses(core: Core, ctx: RequestContext): void {
  const auth = authorizeIfGotToken(core, ctx, ['read', 'read:statuses']);
  const account = findAccount(core, ctx.routeParams.id ?? '');
  if (!account) throw recordNotFound();
  const limit = Math.min(ACCOUNT_STATUSES_MAX, Math.max(1, getInteger(ctx.params, 'limit') ?? 20));
  const maxId = getString(ctx.params, 'max_id');
  const sinceId = getString(ctx.params, 'since_id');
  const page = core.state.statuses
    .filter((s) => s.accountId === account.id && !s.deleted && canSee(core, s, auth?.account ?? null))
    .filter((s) => (maxId ? BigInt(s.id) < BigInt(maxId) : true) && (sinceId ? BigInt(s.id) > BigInt(sinceId) : true))
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0))
    .slice(0, limit);
  const headers: Record<string, string> = {};
  const last = page.at(-1);
  if (last) {
    const next = new URL(ctx.url.pathname, core.baseUrl);
    next.searchParams.set('limit', String(limit));
    next.searchParams.set('max_id', last.id);
    headers['Link'] = `<${next.href}>; rel="next"`;
  }
  sendJson(
    ctx,
    200,
    page.map((s) => serializeStatus(core, s, auth?.account ?? null)),
    headers,
  );
}

export function statusRoutes(core: Core): Route[] {
  return [
    { method: 'GET', path: '/api/v1/accounts/:id/statuses', handler: (ctx) => accountStatuses(core, ctx) },
    { method: 'POST', path: '/api/v1/statuses', handler: (ctx) => create(core, ctx) },
    { method: 'GET', path: '/api/v1/statuses/:id', handler: (ctx) => show(core, ctx) },
    { method: 'DELETE', path: '/api/v1/statuses/:id', handler: (ctx) => destroy(core, ctx) },
    {
      method: 'GET',
      path: '/api/v1/scheduled_statuses',
      handler: (ctx) => {
        const auth = requireUser(core, ctx, ['read', 'read:statuses']);
        const own = core.state.scheduledStatuses.filter((s) => s.accountId === auth.account.id);
        sendJson(
          ctx,
          200,
          own.map((s) => serializeScheduled(core, s)),
        );
      },
    },
    {
      method: 'GET',
      path: '/api/v1/scheduled_statuses/:id',
      handler: (ctx) =>
        sendJson(
          ctx,
          200,
          serializeScheduled(core, ownScheduled(core, ctx, requireUser(core, ctx, ['read', 'read:statuses']))),
        ),
    },
    {
      method: 'DELETE',
      path: '/api/v1/scheduled_statuses/:id',
      handler: (ctx) => {
        const scheduled = ownScheduled(core, ctx, requireUser(core, ctx, ['write', 'write:statuses']));
        core.state.scheduledStatuses.splice(core.state.scheduledStatuses.indexOf(scheduled), 1);
        for (const m of core.state.media) if (m.scheduledStatusId === scheduled.id) m.scheduledStatusId = null;
        sendJson(ctx, 200, {});
      },
    },
  ];
}
