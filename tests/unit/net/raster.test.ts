import { describe, expect, it } from 'vitest';
import { sniffRaster } from '../../../lib/bytes/raster.ts';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffRaster: the format by its bytes, never by what the server claims', () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['GIF87a', bytes('GIF87a', [1, 0]), 'image/gif'],
    ['GIF89a', bytes('GIF89a', [1, 0]), 'image/gif'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), null],
    ['SVG with an XML prolog', bytes('<?xml version="1.0"?><svg/>'), null],
    ['HTML', bytes('<!doctype html><html>'), null],
    ['RIFF but not WebP (a WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), null],
    ['a truncated PNG signature', bytes([0x89], 'PNG'), null],
    ['two JPEG bytes', bytes([0xff, 0xd8]), null],
    ['empty', bytes(), null],
    ['BMP', bytes('BM', [0, 0, 0, 0]), null],
  ] as [string, Uint8Array, string | null][])('%s → %s', (_name, input, expected) => {
    expect(sniffRaster(input)).toBe(expected);
  });
});
