import { createRestAPIClient, type mastodon } from 'masto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pngBytes, startMastodonServer, type MastodonTestServer } from './index';

let server: MastodonTestServer;
let masto: mastodon.rest.Client;
let token: string;
beforeAll(async () => {
  server = await startMastodonServer({ imageSizeLimit: 4 * 1024 * 1024 });
  token = server.createAccount('alice').token;
  masto = createRestAPIClient({ url: server.url, accessToken: token });
});
afterAll(() => server.close());
beforeEach(() => {
  server.faults.mediaProcessingMs = 0;
});

// Copied into a Uint8Array because Blob's typing wants an ArrayBuffer-backed view.
const pngBlob = (bytes: Buffer) => new Blob([new Uint8Array(bytes)], { type: 'image/png' });
const png = (w = 8, h = 6) => pngBlob(pngBytes(w, h));
/** About 1.2 MB of incompressible pixels: over the inline-processing threshold. */
const bigPng = () => pngBlob(pngBytes(640, 640, { noise: true }));

async function upload(file: Blob, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', file, 'upload.png');
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const response = await fetch(`${server.url}/api/v2/media`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /api/v2/media', () => {
  it('processes a small image inline: 200 with url, size meta, description and focus', async () => {
    const { status, body } = await upload(png(640, 480), { description: 'a grey box', focus: '-0.5,0.25' });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      type: 'image',
      description: 'a grey box',
      meta: { original: { width: 640, height: 480, size: '640x480' }, focus: { x: -0.5, y: 0.25 } },
    });
    expect(body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/system\/media_attachments\/files\//);
    const file = await fetch(String(body.url));
    expect(file.headers.get('content-type')).toBe('image/png');
  });

  it('answers 202 with url null for a large file, then 206 until processed, then 200', async () => {
    server.faults.mediaProcessingMs = 150;
    const { status, body } = await upload(bigPng());
    expect(status).toBe(202);
    expect(body.url).toBeNull();
    expect(body.preview_url).not.toBeNull();
    const id = String(body.id);
    expect(server.state.media.find((m) => m.id === id)?.processing).toBe(true);
    const during = await fetch(`${server.url}/api/v1/media/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(during.status).toBe(206);
    expect(((await during.json()) as { url: unknown }).url).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await fetch(`${server.url}/api/v1/media/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { url: unknown }).url).toMatch(/^http/);
  });

  it('answers 202 for any upload while mediaProcessingMs is set', async () => {
    server.faults.mediaProcessingMs = 50;
    expect((await upload(png())).status).toBe(202);
  });

  it('lets masto poll a 202 upload until it has a url (its default)', async () => {
    server.faults.mediaProcessingMs = 300;
    const media = await masto.v2.media.create({ file: png(), description: 'polled' });
    expect(media.url).toMatch(/^http/);
    const polls = server.state.requestLog.filter((r) => r.method === 'GET' && r.path === `/api/v1/media/${media.id}`);
    expect(polls.length).toBeGreaterThanOrEqual(1);
  });

  it('returns at once with skipPolling, url still null', async () => {
    server.faults.mediaProcessingMs = 5000;
    const media = await masto.v2.media.create({ file: png(), skipPolling: true });
    expect(media.url).toBeNull();
    await expect(masto.v1.statuses.create({ status: 'too early', mediaIds: [media.id] })).rejects.toMatchObject({
      statusCode: 422,
      message: 'Cannot attach files that have not finished processing. Try again in a moment!',
    });
  });

  it.each([
    [
      'a text file',
      new Blob(['hello'], { type: 'text/plain' }),
      'Validation failed: File content type is invalid, File is invalid',
    ],
    [
      'bytes labelled image/png',
      new Blob(['not a png'], { type: 'image/png' }),
      'Validation failed: File content type is invalid, File is invalid',
    ],
    [
      'an image over the size limit',
      pngBlob(pngBytes(1400, 1400, { noise: true })),
      'Validation failed: File file size must be less than 4 MB',
    ],
  ])('rejects %s with 422', async (_label, file, error) => {
    const { status, body } = await upload(file);
    expect(status).toBe(422);
    expect(body).toEqual({ error });
  });

  it('rejects a description over 1500 characters', async () => {
    const { status } = await upload(png(), { description: 'x'.repeat(1501) });
    expect(status).toBe(422);
  });
});

describe('PUT /api/v1/media/:id and attaching', () => {
  it('updates description and focus, then attaches the media to a status', async () => {
    const media = await masto.v2.media.create({ file: png(), skipPolling: true });
    const updated = await masto.v1.media.$select(media.id).update({ description: 'better words', focus: '0.1,-0.2' });
    expect(updated.description).toBe('better words');
    expect(updated.meta?.focus).toEqual({ x: 0.1, y: -0.2 });
    expect(server.state.media.find((m) => m.id === media.id)).toMatchObject({
      description: 'better words',
      focus: { x: 0.1, y: -0.2 },
    });

    const status = await masto.v1.statuses.create({ status: 'with picture', mediaIds: [media.id] });
    expect(status.mediaAttachments.map((m) => m.id)).toEqual([media.id]);
    expect(server.state.statuses.find((s) => s.id === status.id)?.mediaIds).toEqual([media.id]);
    // Attached media is no longer reachable through the media API, and cannot be reused.
    await expect(masto.v1.media.$select(media.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
    await expect(masto.v1.statuses.create({ status: 'again', mediaIds: [media.id] })).rejects.toMatchObject({
      statusCode: 422,
    });
  });

  it('posts media without text, and refuses more than maxMediaAttachments', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await masto.v2.media.create({ file: png(), skipPolling: true })).id);
    await expect(masto.v1.statuses.create({ mediaIds: ids })).rejects.toMatchObject({
      message: 'Cannot attach more than 4 files',
    });
    const status = await masto.v1.statuses.create({ mediaIds: ids.slice(0, 4) });
    expect(status.content).toBe('');
    expect(status.mediaAttachments).toHaveLength(4);
  });
});
