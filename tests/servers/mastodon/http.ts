import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { MultipartError, parseMultipart, type UploadedFile } from './multipart';
import { assignParam, normaliseIndexedHashes, paramsFromSearch, type ParamValue, type Params } from './params';
import type { RequestLogEntry } from './types';

// Request parsing and response writing shared by every route, with Rails'
// conventions: JSON bodies as `application/json; charset=utf-8`, errors as
// `{"error": "…"}`, parameters merged from the query string and the body.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.error === 'string' ? body.error : `HTTP ${status}`);
  }
}

/** The `{"error": message}` answer every Mastodon API error uses. */
export function apiError(status: number, message: string, headers: Record<string, string> = {}): ApiError {
  return new ApiError(status, { error: message }, headers);
}

/** Rails' rendering of ActiveRecord::RecordInvalid. */
export function validationFailed(...messages: string[]): ApiError {
  return apiError(422, `Validation failed: ${messages.join(', ')}`);
}

export const recordNotFound = (): ApiError => apiError(404, 'Record not found');

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  params: Params;
  files: UploadedFile[];
  routeParams: Record<string, string>;
  /** Set by the lostResponse fault: the work is done but the socket dies instead of answering. */
  loseResponse: boolean;
  log: RequestLogEntry;
}

const LOGGED_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'origin'];

export function logEntryFor(req: IncomingMessage, url: URL): RequestLogEntry {
  const headers: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.search,
    headers,
    time: new Date(),
    status: null,
  };
}

const MAX_BODY_BYTES = 110 * 1024 * 1024; // above Mastodon's 99 MB video limit

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(apiError(413, 'Request Entity Too Large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Query string and body parameters merged, as Rails' `params` does. */
export async function parseParams(req: IncomingMessage, url: URL): Promise<{ params: Params; files: UploadedFile[] }> {
  const params = paramsFromSearch(url.searchParams);
  const files: UploadedFile[] = [];
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return { params, files };
  const body = await readBody(req);
  if (body.length === 0) return { params, files };
  const contentType = req.headers['content-type'] ?? '';
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mime === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (error) {
      // Rails answers malformed JSON with 400 before any controller runs.
      throw apiError(400, `Error occurred while parsing request parameters: ${(error as Error).message}`);
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      Object.assign(params, parsed as Params);
    }
  } else if (mime === 'multipart/form-data') {
    try {
      const multipart = parseMultipart(body, contentType);
      for (const [key, value] of multipart.fields) assignParam(params, key, value);
      files.push(...multipart.files);
    } catch (error) {
      if (error instanceof MultipartError) throw apiError(400, error.message);
      throw error;
    }
  } else {
    // Rails reads form encoding when no other parser claims the body.
    paramsFromSearch(new URLSearchParams(body.toString('utf8')), params);
  }
  return { params: normaliseIndexedHashes(params) as Params, files };
}

// rack-cors in Mastodon covers the API, token and revoke endpoints and the
// well-known documents; the HTML pages (the authorize form) are same-origin only.
export function isCorsPath(path: string): boolean {
  return (
    path.startsWith('/api/') ||
    path === '/oauth/token' ||
    path === '/oauth/revoke' ||
    path.startsWith('/.well-known/') ||
    path.startsWith('/nodeinfo/')
  );
}

const DEFAULT_ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key';

export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader(
    'Access-Control-Expose-Headers',
    'Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id',
  );
  if (req.method === 'OPTIONS') {
    const requested = req.headers['access-control-request-headers'];
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, PATCH, OPTIONS');
    // rack-cors is configured with `headers: :any`, so it echoes what the browser asks for.
    res.setHeader('Access-Control-Allow-Headers', typeof requested === 'string' ? requested : DEFAULT_ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '7200');
  }
}

function finish(ctx: RequestContext, status: number, contentType: string | null, body: string | Buffer): void {
  if (ctx.loseResponse) {
    // The request was handled but the client never hears back, as when a proxy
    // or the network drops the connection after the server committed.
    ctx.req.socket.destroy();
    return;
  }
  if (!ctx.res.hasHeader('X-Request-Id')) ctx.res.setHeader('X-Request-Id', randomUUID());
  if (contentType) ctx.res.setHeader('Content-Type', contentType);
  ctx.res.statusCode = status;
  ctx.log.status = status;
  ctx.res.end(body);
}

export function sendJson(
  ctx: RequestContext,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) ctx.res.setHeader(name, value);
  finish(ctx, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

export function sendHtml(
  ctx: RequestContext,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) ctx.res.setHeader(name, value);
  finish(ctx, status, 'text/html; charset=utf-8', html);
}

export function sendBytes(ctx: RequestContext, contentType: string, data: Buffer): void {
  finish(ctx, 200, contentType, data);
}

export function sendEmpty(ctx: RequestContext, status: number): void {
  finish(ctx, status, null, '');
}

export function redirect(ctx: RequestContext, location: string): void {
  ctx.res.setHeader('Location', location);
  finish(
    ctx,
    302,
    'text/html; charset=utf-8',
    `<html><body>You are being <a href="${escapeHtml(location)}">redirected</a>.</body></html>`,
  );
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export type { ParamValue, Params };
