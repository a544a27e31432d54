import { requireUser, type UserAuth } from './auth';
import type { Core } from './core';
import { recordNotFound, sendBytes, sendJson, validationFailed, type RequestContext } from './http';
import { snowflakeId } from './ids';
import { DESCRIPTION_LIMIT } from './instance';
import { humanSize, probe, VIDEO_SIZE_LIMIT } from './media-probe';
import { getString } from './params';
import type { Route } from './router';
import { serializeMedia } from './serialize-status';
import type { MediaRecord } from './types';

// POST /api/v2/media (202 while the full-size file is processed), the deprecated
// synchronous POST /api/v1/media, GET and PUT /api/v1/media/:id (206 while
// processing), and the stored files themselves.

/** Uploads above this go to background processing, as a real server does with big files. */
export const ASYNC_THRESHOLD_BYTES = 1024 * 1024;
/** How long background processing takes unless a test sets faults.mediaProcessingMs. */
const DEFAULT_PROCESSING_MS = 500;

/** Ruby's String#to_f on each half of "x,y". */
function parseFocus(value: string | undefined): { x: number; y: number } | null | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') return null;
  const [x = '', y = ''] = value.split(',');
  const toF = (s: string) => Number.parseFloat(s) || 0;
  return { x: toF(x), y: toF(y) };
}

function validateDescription(description: string | undefined): void {
  if (description !== undefined && [...description].length > DESCRIPTION_LIMIT) {
    throw validationFailed(`Description is too long (maximum is ${DESCRIPTION_LIMIT} characters)`);
  }
}

function createMedia(core: Core, ctx: RequestContext, auth: UserAuth, synchronous: boolean): MediaRecord {
  const file = ctx.files.find((f) => f.fieldName === 'file');
  if (!file) throw validationFailed("File can't be blank");
  const probed = probe(file.data, file.contentType);
  if (!probed) throw validationFailed('File content type is invalid', 'File is invalid');
  const limit = probed.type === 'image' ? core.opts.imageSizeLimit : VIDEO_SIZE_LIMIT;
  if (file.data.length > limit) throw validationFailed(`File file size must be less than ${humanSize(limit)}`);
  const description = getString(ctx.params, 'description');
  validateDescription(description);
  // Mastodon 4 processes images inline and video, audio and GIFs in the background.
  const background =
    probed.type !== 'image' || file.data.length > ASYNC_THRESHOLD_BYTES || core.faults.mediaProcessingMs > 0;
  const processingMs = synchronous || !background ? 0 : core.faults.mediaProcessingMs || DEFAULT_PROCESSING_MS;
  const media: MediaRecord = {
    id: snowflakeId(),
    accountId: auth.account.id,
    type: probed.type,
    mimeType: probed.mimeType,
    fileName: file.fileName || 'upload',
    size: file.data.length,
    data: file.data,
    width: probed.width,
    height: probed.height,
    description: description ?? null,
    focus: parseFocus(getString(ctx.params, 'focus')) ?? null,
    createdAt: new Date(),
    readyAt: Date.now() + processingMs,
    get processing() {
      return Date.now() < this.readyAt;
    },
    statusId: null,
    scheduledStatusId: null,
  };
  core.state.media.push(media);
  return media;
}

/** Only the uploader's attachments that no status has taken yet are reachable. */
function ownUnattached(core: Core, ctx: RequestContext, auth: UserAuth): MediaRecord {
  const media = core.state.media.find((m) => m.id === ctx.routeParams.id);
  if (!media || media.accountId !== auth.account.id || media.statusId !== null) throw recordNotFound();
  return media;
}

function answer(core: Core, ctx: RequestContext, media: MediaRecord, processingStatus: number): void {
  sendJson(ctx, media.processing ? processingStatus : 200, serializeMedia(core, media));
}

function update(core: Core, ctx: RequestContext): void {
  const auth = requireUser(core, ctx, ['write', 'write:media']);
  const media = ownUnattached(core, ctx, auth);
  const description = getString(ctx.params, 'description');
  validateDescription(description);
  if (description !== undefined) media.description = description;
  const focus = parseFocus(getString(ctx.params, 'focus'));
  if (focus !== undefined) media.focus = focus;
  answer(core, ctx, media, 206);
}

function serveFile(core: Core, ctx: RequestContext): void {
  const media = core.state.media.find((m) => m.id === ctx.routeParams.id);
  if (!media || (ctx.routeParams.style === 'original' && media.processing)) throw recordNotFound();
  sendBytes(ctx, media.mimeType, media.data);
}

export function mediaRoutes(core: Core): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/v2/media',
      handler: (ctx) => {
        const auth = requireUser(core, ctx, ['write', 'write:media']);
        answer(core, ctx, createMedia(core, ctx, auth, false), 202);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/media',
      handler: (ctx) => {
        const auth = requireUser(core, ctx, ['write', 'write:media']);
        answer(core, ctx, createMedia(core, ctx, auth, true), 200);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/media/:id',
      handler: (ctx) =>
        answer(core, ctx, ownUnattached(core, ctx, requireUser(core, ctx, ['write', 'write:media'])), 206),
    },
    { method: 'PUT', path: '/api/v1/media/:id', handler: (ctx) => update(core, ctx) },
    { method: 'GET', path: '/system/media_attachments/files/:id/:style/:name', handler: (ctx) => serveFile(core, ctx) },
  ];
}
