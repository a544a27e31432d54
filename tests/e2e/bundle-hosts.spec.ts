/**
 * The privacy contract, checked on what ships: every network host named in
 * the built extension (Chrome and Firefox bundles) must be in the reviewed
 * list tests/privacy/allowed-hosts.json, with the reason it is there. A new
 * host in the code (or in a library update) fails here until someone reviews
 * it. Needs the builds (`npm run build`, which `npm test` runs first); no browser.
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { en } from '../../lib/i18n/en.ts';
import { MESSAGES } from '../../lib/messages.ts';
import { scanBuild, type HostHit } from '../privacy/bundle-hosts.ts';
import { BROWSER_HOUSEKEEPING_HOSTS } from './support/fixtures.ts';

const BUILDS = ['.output/chrome-mv3', '.output/firefox-mv3'];

interface AllowedHosts {
  hosts: Record<string, string>;
  identifierPrefixes: Record<string, string>;
}

const allowed = JSON.parse(readFileSync(resolve('tests/privacy/allowed-hosts.json'), 'utf8')) as AllowedHosts;

/**
 * Namespaces of our i18n keys ('compose.', 'bridge.'...): a key named in code
 * before its text lands in en.ts is still ours, not a host (the i18n unit
 * test reports the missing text). 'app.' is left out: it is a common first
 * label of real hosts, and en.ts has all its keys.
 */
const KEY_NAMESPACES = [
  'error',
  'notice',
  'options',
  'compose',
  'popup',
  'firstRun',
  'queue',
  'privacy',
  'links',
  'bridge',
  'connect',
];

function i18nNamespaces(): string[] {
  const namespaces = new Set([...KEY_NAMESPACES, ...Object.keys(en).map((key) => key.split('.')[0]!)]);
  namespaces.delete('app');
  return [...namespaces].map((n) => `${n.toLowerCase()}.`);
}

function scanAll(): HostHit[] {
  const options = {
    // Our own dotted names: i18n keys ('compose.post') and message names ('data.export').
    notHosts: new Set([...Object.keys(en), ...Object.keys(MESSAGES)]),
    identifierPrefixes: [...Object.keys(allowed.identifierPrefixes), ...i18nNamespaces()],
  };
  return BUILDS.flatMap((dir) => scanBuild(resolve(dir), options));
}

test('every host the bundles name is in the reviewed list, with a reason', () => {
  for (const dir of BUILDS) {
    expect(
      existsSync(resolve(dir, 'manifest.json')),
      `${dir} is missing: run \`npm run build\` (Chrome and Firefox) first`,
    ).toBe(true);
  }
  for (const [host, reason] of Object.entries(allowed.hosts))
    expect(reason.trim().length, `reason for ${host}`).toBeGreaterThan(10);

  const hits = scanAll();
  const unknown = hits.filter((h) => !Object.hasOwn(allowed.hosts, h.host));
  expect(
    unknown.map((h) => `${h.host}  (${h.file}: …${h.context.replace(/\s+/g, ' ')}…)`),
    'Hosts not in tests/privacy/allowed-hosts.json: review each (is it contacted? by whom? why?) and add it with its reason',
  ).toEqual([]);

  // The fixture forgives Chromium's own housekeeping requests only because Sortie never names those hosts.
  const housekeeping = [...BROWSER_HOUSEKEEPING_HOSTS];
  expect(hits.filter((h) => BROWSER_HOUSEKEEPING_HOSTS.has(h.host)).map((h) => `${h.host} (${h.file})`)).toEqual([]);
  expect(housekeeping.filter((h) => Object.hasOwn(allowed.hosts, h))).toEqual([]);

  // Entries no bundle names any more are reported, not failed: the list may name hosts a build option leaves out.
  const seen = new Set(hits.map((h) => h.host));
  const stale = Object.keys(allowed.hosts).filter((h) => !seen.has(h));
  if (stale.length > 0) test.info().annotations.push({ type: 'stale allowed hosts', description: stale.join(', ') });
});
