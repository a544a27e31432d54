/**
 * Wake in Firefox ESR: from a stopped background to the first answered
 * message, Sortie vs. an empty event page, both installed in one Firefox and
 * measured in turns, as bench/wake.ts does in Chromium. Firefox's MV3
 * background is an event page (background.scripts, non-persistent); each
 * sample stops it with the add-on's own `terminateBackground()` (what Firefox
 * does after its idle timeout; reached from Marionette's chrome context, as
 * in the outbox journey), then times `runtime.sendMessage` from an extension
 * page of the same add-on to its answer. Sortie answers 'settings.get', a
 * real handler that opens IndexedDB.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './run.ts';
import { median, sleep } from './support/stats.ts';
import { FIREFOX, FIREFOX_BUILD, GECKO_ID, launchFirefox, type SortieFirefox } from '../tests/e2e/support/firefox.ts';
import { startRecordingProxy } from '../tests/e2e/support/proxy.ts';
import { BENCH_PAGE } from './support/build.ts';

const RUNS = 30;
/** Let the stopped background settle before waking it. */
const SETTLE_MS = 100;
const EMPTY_ID = 'empty-event-page@bench.example';

const TMP = fileURLToPath(new URL('./.tmp/', import.meta.url));
const SORTIE_ADDON = `${TMP}sortie-firefox-wake`;
const EMPTY_ADDON = `${TMP}empty-event-page`;
const BLANK_PAGE = '<!doctype html><meta charset="utf-8"><title>bench</title>\n';

function prepareAddons(): void {
  rmSync(SORTIE_ADDON, { recursive: true, force: true });
  cpSync(FIREFOX_BUILD, SORTIE_ADDON, { recursive: true });
  writeFileSync(`${SORTIE_ADDON}/${BENCH_PAGE}`, BLANK_PAGE);
  rmSync(EMPTY_ADDON, { recursive: true, force: true });
  mkdirSync(EMPTY_ADDON, { recursive: true });
  writeFileSync(
    `${EMPTY_ADDON}/manifest.json`,
    JSON.stringify({
      manifest_version: 3,
      name: 'Bench empty event page',
      version: '1.0',
      background: { scripts: ['background.js'] },
      browser_specific_settings: { gecko: { id: EMPTY_ID } },
    }),
  );
  writeFileSync(
    `${EMPTY_ADDON}/background.js`,
    'browser.runtime.onMessage.addListener(() => Promise.resolve({ ok: true, value: null }));\n',
  );
  writeFileSync(`${EMPTY_ADDON}/${BENCH_PAGE}`, BLANK_PAGE);
}

export async function inChrome<T>(ff: SortieFirefox, body: string, args: unknown[] = []): Promise<T> {
  const m = ff.marionette;
  await m.send('Marionette:SetContext', { value: 'chrome' });
  try {
    const { value } = await m.send<{ value: T }>('WebDriver:ExecuteAsyncScript', {
      script: `const done = arguments[arguments.length - 1];
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        (async () => { ${body} })().then(done, (e) => done({ benchError: String(e) }));`,
      args,
    });
    if (value !== null && typeof value === 'object' && 'benchError' in value)
      throw new Error(String((value as { benchError: unknown }).benchError));
    return value;
  } finally {
    await m.send('Marionette:SetContext', { value: 'content' });
  }
}

interface Case {
  id: string;
  handle: string;
  message: unknown;
  /** A refusal is the expected answer (the message that only measures start-up). */
  refused: boolean;
  cold: number[];
  warm: number[];
}

/** The round trip, timed in the extension page (its own `browser`, reached past Marionette's wrapper). */
async function roundTrip(ff: SortieFirefox, c: Case): Promise<number> {
  await ff.marionette.send('WebDriver:SwitchToWindow', { handle: c.handle, focus: true });
  const { value } = await ff.marionette.send<{ value: number | { benchError: string } }>(
    'WebDriver:ExecuteAsyncScript',
    {
      script: `const [message, refused] = arguments; const done = arguments[arguments.length - 1];
        const api = window.wrappedJSObject.browser;
        const start = performance.now();
        api.runtime.sendMessage(window.wrappedJSObject.JSON.parse(message)).then((reply) => {
          const elapsed = performance.now() - start;
          if ((reply && reply.ok) !== !refused) done({ benchError: 'unexpected answer: ' + JSON.stringify(reply) });
          else done(elapsed);
        }, (e) => done({ benchError: String(e) }));`,
      args: [JSON.stringify(c.message), c.refused],
      sandbox: 'system',
    },
  );
  if (typeof value !== 'number') throw new Error(`bench: ${value.benchError}`);
  return value;
}

async function wakeOnce(ff: SortieFirefox, c: Case): Promise<number> {
  await inChrome(
    ff,
    `await ExtensionParent.GlobalManager.getExtension(${JSON.stringify(c.id)}).terminateBackground();`,
  );
  await sleep(SETTLE_MS);
  return roundTrip(ff, c);
}

/** Opens `page` of the add-on `id` in a new tab and returns the tab's handle. */
async function openExtensionPage(ff: SortieFirefox, id: string, page: string): Promise<string> {
  const host = await inChrome<string>(
    ff,
    `return WebExtensionPolicy.getByID(${JSON.stringify(id)}).mozExtensionHostname;`,
  );
  const { handle } = await ff.marionette.send<{ handle: string }>('WebDriver:NewWindow', { type: 'tab' });
  await ff.marionette.send('WebDriver:SwitchToWindow', { handle, focus: true });
  await ff.marionette.send('WebDriver:Navigate', { url: `moz-extension://${host}/${page}` });
  return handle;
}

export async function benchFirefoxWake(): Promise<Figure[]> {
  if (!FIREFOX) throw new Error('Firefox ESR is not installed');
  prepareAddons();
  const proxy = await startRecordingProxy();
  const dir = mkdtempSync(join(tmpdir(), 'sortie-bench-ff-wake-'));
  const ff = await launchFirefox(dir, proxy.port, 'en-US, en', SORTIE_ADDON);
  try {
    await ff.marionette.send('Addon:Install', { path: EMPTY_ADDON, temporary: true });
    const sortie: Case = {
      id: GECKO_ID,
      handle: await openExtensionPage(ff, GECKO_ID, BENCH_PAGE),
      message: { sortie: 1, name: 'settings.get' },
      refused: false,
      cold: [],
      warm: [],
    };
    const empty: Case = {
      id: EMPTY_ID,
      handle: await openExtensionPage(ff, EMPTY_ID, BENCH_PAGE),
      message: { ping: 1 },
      refused: false,
      cold: [],
      warm: [],
    };
    // Refused by the router before any handler: the background's start-up alone, without IndexedDB.
    const startOnly: Case = {
      ...sortie,
      message: { sortie: 1, name: 'bench.unknown' },
      refused: true,
      cold: [],
      warm: [],
    };
    const cases = [sortie, empty, startOnly];
    // Sortie's first start writes its settings, rules and menus; let that finish before sampling.
    await roundTrip(ff, sortie);
    await sleep(3_000);
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order so drift on this noisy machine hits both alike.
      for (const c of i % 2 === 0 ? cases : [...cases].reverse()) {
        c.cold.push(await wakeOnce(ff, c));
        c.warm.push(await roundTrip(ff, c));
      }
    }
    return [
      {
        figure: `firefox wake: stopped event page → first answer (median of ${RUNS})`,
        value: median(sortie.cold),
        unit: 'ms',
        baseline: median(empty.cold),
        budget: 2,
        budgetKind: 'ratio',
      },
      {
        figure: 'firefox wake: the same, message refused before any handler (no IndexedDB)',
        value: median(startOnly.cold),
        unit: 'ms',
        baseline: median(empty.cold),
      },
      {
        figure: 'firefox wake: running event page → answer (median)',
        value: median(sortie.warm),
        unit: 'ms',
        baseline: median(empty.warm),
      },
    ];
  } finally {
    await ff.close();
    rmSync(dir, { recursive: true, force: true });
    await proxy.close();
  }
}
