/**
 * What the bench measures, built once per run into bench/.tmp/:
 * - `sortie/`: a copy of the fresh Chrome build (so other builds of
 *   .output/ during the run change nothing), plus a blank extension page to
 *   measure from and the bench's local pages among its host permissions:
 *   the background registers the links page script there as for any site
 *   the user granted. (Declaring the script in the manifest instead ran it
 *   twice per page: a declared script's matches count as granted hosts, so
 *   the background registered its own copy too.)
 * - `empty-worker/`: the wake baseline, an MV3 extension whose service
 *   worker only answers messages.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TMP = fileURLToPath(new URL('../.tmp/', import.meta.url));

export const CHROME_OUTPUT = `${ROOT}.output/chrome-mv3`;
/** The pristine copy of the build (sizes are read here). */
export const SORTIE_BUILD = `${TMP}sortie-build`;
/** The copy loaded in Chromium, with the bench page and the declared links script. */
export const SORTIE_EXT = `${TMP}sortie`;
export const EMPTY_EXT = `${TMP}empty-worker`;
/** A page with no script of its own, to send messages and read storage from. */
export const BENCH_PAGE = 'bench.html';
/** The bench's local pages are served here; Sortie is granted this origin. */
export const PAGE_HOST = '127.0.0.1';

const BLANK_PAGE = '<!doctype html><meta charset="utf-8"><title>bench</title>\n';

export function buildExtension(): void {
  console.log('bench: building the extension (npx wxt build, and -b firefox)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  // The Firefox rows measure the Firefox build (bench/firefox-pages.ts).
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Files a complete build has; a build by someone else in this checkout may be half-written. */
const MUST_HAVE = ['manifest.json', 'background.js', 'links.js'];

async function copyBuild(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    rmSync(SORTIE_BUILD, { recursive: true, force: true });
    if (existsSync(CHROME_OUTPUT)) cpSync(CHROME_OUTPUT, SORTIE_BUILD, { recursive: true });
    if (MUST_HAVE.every((f) => existsSync(`${SORTIE_BUILD}/${f}`))) return;
    if (attempt === 5) throw new Error(`bench: no complete build in ${CHROME_OUTPUT}`);
    await sleep(2_000);
  }
}

export async function prepareExtensions(): Promise<void> {
  rmSync(TMP, { recursive: true, force: true });
  await copyBuild();
  cpSync(SORTIE_BUILD, SORTIE_EXT, { recursive: true });
  writeFileSync(`${SORTIE_EXT}/${BENCH_PAGE}`, BLANK_PAGE);
  const manifest = JSON.parse(readFileSync(`${SORTIE_EXT}/manifest.json`, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), `http://${PAGE_HOST}/*`];
  writeFileSync(`${SORTIE_EXT}/manifest.json`, JSON.stringify(manifest));

  mkdirSync(EMPTY_EXT, { recursive: true });
  writeFileSync(
    `${EMPTY_EXT}/manifest.json`,
    JSON.stringify({
      manifest_version: 3,
      name: 'Bench empty worker',
      version: '1.0',
      background: { service_worker: 'background.js' },
    }),
  );
  writeFileSync(
    `${EMPTY_EXT}/background.js`,
    'chrome.runtime.onMessage.addListener((message, sender, reply) => { reply({ ok: true, value: null }); });\n',
  );
  writeFileSync(`${EMPTY_EXT}/${BENCH_PAGE}`, BLANK_PAGE);
}
