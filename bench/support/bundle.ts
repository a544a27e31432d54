/**
 * What each entry point of a Chrome build weighs: the file itself for the
 * service worker, the links page script and content scripts; for an extension page, every script it
 * loads up front (its module entry plus the chunks it modulepreloads). The
 * build is already minified; gzip is what a reader of the numbers expects too.
 * Shared by the bench (bench/sizes.ts) and the size gate in `npm test`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** lib/links/background/scripts.ts registers this file on the sites the user granted. */
export const LINKS_SCRIPT = 'links.js';

export interface EntrySize {
  /** 'background.js', 'links.js', 'content-scripts/x.js', 'popup.html (page JS)' */
  name: string;
  bytes: number;
  gzipBytes: number;
}

function measure(name: string, files: string[]): EntrySize {
  const data = Buffer.concat(files.map((f) => readFileSync(f)));
  return { name, bytes: data.length, gzipBytes: gzipSync(data).length };
}

/** The scripts an HTML page of the build loads before it runs. */
function pageScripts(buildDir: string, html: string): string[] {
  const text = readFileSync(join(buildDir, html), 'utf8');
  const refs = [
    ...text.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  return [...new Set(refs)].map((r) => join(buildDir, r));
}

export function entrySizes(buildDir: string): EntrySize[] {
  const sizes: EntrySize[] = [measure('background.js', [join(buildDir, 'background.js')])];
  // The links page script: registered at runtime by the background, so not under content-scripts/.
  sizes.push(measure(LINKS_SCRIPT, [join(buildDir, LINKS_SCRIPT)]));
  for (const file of readdirSync(join(buildDir, 'content-scripts'))
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    sizes.push(measure(`content-scripts/${file}`, [join(buildDir, 'content-scripts', file)]));
  }
  for (const html of readdirSync(buildDir)
    .filter((f) => f.endsWith('.html'))
    .sort()) {
    sizes.push(measure(`${html} (page JS)`, pageScripts(buildDir, html)));
  }
  return sizes;
}
