/**
 * Size gate for the built Chrome extension: generous budgets that
 * catch regressions such as a network client pulled into the service worker
 * or Preact into a content script. `npm run bench` reports the real figures
 * against tighter targets; this only stops the obvious slips. Firefox's event
 * page is held to what it loads at every start: its core, without the
 * features' chunk.
 *
 * The links page script is held to its real target (8 kB minified):
 * it runs on every page the user granted. The service worker's budget only
 * stops a jump; the wake figure in the bench is what keeps it lean.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entrySizes } from '../../bench/support/bundle.ts';
import { FIREFOX_BUILD } from './support/firefox.ts';
import { CHROME_BUILD } from './support/paths.ts';

const KB = 1000;

/** Budgets in minified bytes, by entry name (as bench/support/bundle.ts names them). */
const BUDGETS: Record<string, number> = {
  // ~113 kB: no network client, no compose code and no backup-file code (those live in the engine); the largest
  // parts left are the links feature (rules, mirrors, health: ~46 kB) and the networks' meta registry, plus ~4 kB
  // of wrappers that build the features on first use (lib/background/start.ts). A jump here is a wake regression:
  // check `npm run bench -- --only=wake`.
  'background.js': 119 * KB,
  'links.js': 8 * KB,
  'content-scripts/x.js': 60 * KB,
  'engine.html (page JS)': 1_000 * KB,
  // ~317 kB: zip.js (its native build, reading with the browser's DecompressionStream) for a page opened once or twice.
  'archive.html (page JS)': 350 * KB,
};
/**
 * Firefox's event page at start: ~29 kB (listeners, the message table and its checks, the database, the settings).
 * The features come as a chunk when an event needs them (lib/background/features.ts).
 */
const FIREFOX_EVENT_PAGE = 34 * KB;
/** Entries without a budget of their own. */
const DEFAULT_CONTENT_SCRIPT = 40 * KB;
const DEFAULT_PAGE = 250 * KB;

/** A regular expression only Preact's runtime contains (its unitless CSS property test). */
const PREACT_MARKER = 'acit|ex(?:s|g|n|p|$)';
/** Lexicon ids only @atproto/api's generated tables contain in such numbers. */
const ATPROTO_LEXICON = /com\.atproto\.repo\.putRecord/;

test('every built entry point stays within its size budget', () => {
  const sizes = entrySizes(CHROME_BUILD);
  expect(sizes.map((s) => s.name)).toContain('links.js');
  const over = sizes.filter(
    (s) =>
      s.bytes > (BUDGETS[s.name] ?? (s.name.startsWith('content-scripts/') ? DEFAULT_CONTENT_SCRIPT : DEFAULT_PAGE)),
  );
  expect(over.map((s) => `${s.name}: ${(s.bytes / KB).toFixed(1)} kB`)).toEqual([]);
});

test('the service worker holds no network client and content scripts no framework', () => {
  const read = (file: string) => readFileSync(join(CHROME_BUILD, file), 'utf8');
  expect(read('background.js')).not.toMatch(ATPROTO_LEXICON);
  // Nor the compose code: queueing is planned in the engine (lib/outbox/enqueue.ts).
  expect(read('background.js')).not.toContain('travelersinsurance');
  // Nor the pages' dictionaries: it carries only its own few texts (lib/i18n/service-worker-*.ts).
  expect(read('background.js')).not.toContain('What do you want to say?');
  expect(read('background.js')).not.toContain('Que voulez-vous dire');
  for (const script of ['links.js', 'content-scripts/x.js']) {
    expect(read(script).includes(PREACT_MARKER), `${script} bundles Preact`).toBe(false);
  }
  // The page script applies rules the background compiles: X's URL tables stay out of it.
  expect(read('links.js')).not.toContain('who_to_follow');
});

test("Firefox's event page loads only its core at start; Chromium's service worker never imports", () => {
  const manifest = JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as {
    background: { type?: string; scripts: string[] };
  };
  expect(manifest.background).toEqual({ type: 'module', scripts: ['background.js'] });
  const eventPage = readFileSync(join(FIREFOX_BUILD, 'background.js'), 'utf8');
  // No static import (of a chunk: always a relative path): what else it needs comes through import() on first use.
  expect(eventPage).not.toMatch(/\bfrom\s*["'`]\.{1,2}\/|\bimport\s*["'`]\.{1,2}\//);
  expect(eventPage).toMatch(/\bimport\(\s*["'`]\.\/chunks\/features-/);
  expect(eventPage.length).toBeLessThanOrEqual(FIREFOX_EVENT_PAGE);
  // A service worker may not import(): the build holds the features inline.
  expect(readFileSync(join(CHROME_BUILD, 'background.js'), 'utf8')).not.toMatch(/\bimport\s*\(/);
});
