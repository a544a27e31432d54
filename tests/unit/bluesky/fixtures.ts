/** Building blocks shared by the Bluesky tests. */
import { newRecordKey } from '../../../lib/networks/bluesky/engine/refs.ts';
import type { ImageToSend, PartToSend } from '../../../lib/networks/types.ts';
import { makePng } from './png.ts';
import { makePart as makeNeutralPart } from '../support/part.ts';

export function makePart(text: string, overrides: Partial<PartToSend> = {}): PartToSend {
  return makeNeutralPart({ text, idempotencyKey: newRecordKey(), ...overrides });
}

export function makeImage(
  width: number,
  height: number,
  alt: string,
  bytes: Uint8Array<ArrayBuffer> = makePng(width, height),
): ImageToSend {
  const blob = new Blob([bytes], { type: 'image/png' });
  return { mediaId: `m-${alt}`, alt, mime: 'image/png', width, height, size: blob.size, blob };
}

/** UTF-8 byte range of the first `needle` in `text`, as facets must carry it. */
export function byteRange(text: string, needle: string): { byteStart: number; byteEnd: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const byteStart = Buffer.byteLength(text.slice(0, at), 'utf8');
  return { byteStart, byteEnd: byteStart + Buffer.byteLength(needle, 'utf8') };
}
