/**
 * Debian's Firefox ESR with the built add-on, driven over Marionette
 * (tests/e2e/support/marionette.ts): a fresh profile per test, every
 * non-loopback request through the recording proxy, and a fixed extension
 * UUID so Sortie's pages have a known `moz-extension://` origin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js/index-native.js';
import { Marionette } from './marionette.ts';

export const FIREFOX: string | undefined = existsSync('/usr/bin/firefox-esr') ? '/usr/bin/firefox-esr' : undefined;
export const FIREFOX_BUILD = resolve('.output/firefox-mv3');
/** The gecko id in wxt.config.ts. */
export const GECKO_ID = 'sortie@sortie.example';
/** Any fixed UUID: Firefox gives the add-on this origin instead of a random one. */
export const FIREFOX_EXTENSION_UUID = '5a0b1e7c-3d2f-4c8e-9b6a-1f2e3d4c5b6a';

export interface SortieFirefox {
  marionette: Marionette;
  extensionOrigin: string;
  /** Where downloads land, without asking. */
  downloadDir: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * Preferences for a quiet, proxied test profile. Marionette also applies its
 * own recommended automation preferences at start (updates, telemetry,
 * first-run pages off); these add what a privacy test needs on top.
 */
function userPrefs(
  marionettePort: number,
  proxyPort: number,
  lang: string,
  downloadDir: string,
): Record<string, string | number | boolean> {
  return {
    'marionette.port': marionettePort,
    // Sortie's build is unsigned: Firefox ESR keeps such an add-on installed for good only while
    // this is off. Here, not set at run time: a pref set then reaches prefs.js only if Firefox
    // writes it before it is closed, and a restart soon after found the add-on disabled.
    'xpinstall.signatures.required': false,
    // Downloads go straight to this folder, as with a user's "always save to Downloads".
    'browser.download.dir': downloadDir,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.panel.shown': true,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    // Every request that is not loopback goes through the recording proxy (loopback never does).
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.allow_hijacking_localhost': false,
    // Sites the tests stand in for (journey.serveHttps) get the proxy's self-signed certificates, which
    // Firefox refuses outright for hosts on its HSTS preload list (nitter.net, xcancel.com: "badStsCert").
    'network.stricttransportsecurity.preloadlist': false,
    'intl.accept_languages': lang,
    'intl.locale.requested': lang.split(',')[0]!.trim(),
    // Firefox's own background traffic, which has nothing to do with Sortie.
    'app.update.disabledForTesting': true,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'services.settings.server': 'http://127.0.0.1:9/',
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'browser.urlbar.speculativeConnect.enabled': false,
    'browser.places.speculativeConnect.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.startup.page': 0,
    'browser.aboutwelcome.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    'media.gmp-gmpopenh264.autoupdate': false,
    'media.gmp-widevinecdm.autoupdate': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'geo.provider.network.url': '',
    'doh-rollout.disable-heuristics': true,
    'network.trr.mode': 5,
    'browser.contentblocking.report.lockwise.enabled': false,
    'signon.management.page.breach-alerts.enabled': false,
    'browser.topsites.contile.enabled': false,
    'privacy.fingerprintingProtection': false,
  };
}

/**
 * The add-on directory packed as an .xpi next to it (Firefox installs only a
 * packed add-on for good), made once per directory and run.
 */
const packed = new Map<string, Promise<string>>();
function xpiOf(dir: string): Promise<string> {
  let made = packed.get(dir);
  if (made === undefined) {
    made = (async () => {
      const zip = new ZipWriter(new Uint8ArrayWriter());
      const walk = async (folder: string): Promise<void> => {
        for (const entry of await readdir(folder, { withFileTypes: true })) {
          const path = join(folder, entry.name);
          if (entry.isDirectory()) await walk(path);
          else await zip.add(relative(dir, path), new Uint8ArrayReader(await readFile(path)));
        }
      };
      await walk(dir);
      const out = join(await mkdtemp(join(tmpdir(), 'sortie-xpi-')), 'sortie.xpi');
      await writeFile(out, await zip.close());
      return out;
    })();
    packed.set(dir, made);
  }
  return made;
}

/**
 * Starts Firefox on `profileDir` and installs the built add-on (or the one at
 * `addon`; null: none, a plain browser for the bench's baseline, or a profile
 * that has it already). A temporary add-on, as a developer loads one, is gone
 * when Firefox closes; a `permanent` one (unsigned, which Firefox ESR accepts
 * once signatures are no longer required in that profile) stays installed,
 * with its storage, when Firefox is started again on the same profile.
 */
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function launchFirefox(
  profileDir: string,
  proxyPort: number,
  lang = 'en-US, en',
  addon: string | null = FIREFOX_BUILD,
  install: 'temporary' | 'permanent' = 'temporary',
): Promise<SortieFirefox> {
  if (!FIREFOX) throw new Error('Firefox ESR is not installed (apt-get install firefox-esr)');
  const port = await freePort();
  const downloadDir = join(profileDir, 'downloads');
  const prefs = userPrefs(port, proxyPort, lang, downloadDir);
  await writeFile(
    join(profileDir, 'user.js'),
    Object.entries(prefs)
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n'),
  );
  const child: ChildProcess = spawn(
    FIREFOX,
    ['-marionette', '-remote-allow-system-access', '-headless', '-no-remote', '-profile', profileDir],
    {
      stdio: 'ignore',
      // Release builds ignore services.settings.server unless this is set (Remote Settings' own switch).
      env: { ...process.env, MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const marionette = await Marionette.connect(port);
  // A navigation Sortie's rules stop never finishes loading in Firefox: wait for it as a user would, not 300 s.
  await marionette.send('WebDriver:NewSession', {
    capabilities: { alwaysMatch: { acceptInsecureCerts: false, timeouts: { pageLoad: 10_000 } } },
  });
  if (addon !== null && install === 'permanent') {
    await marionette.send('Addon:Install', { path: await xpiOf(addon), temporary: false });
  } else if (addon !== null) await marionette.send('Addon:Install', { path: addon, temporary: true });
  return {
    marionette,
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    downloadDir,
    async close() {
      // Quit as a user does (File > Quit): Firefox writes its add-on list, prefs and session before
      // it exits. Killed instead, a restart soon after an install sometimes found no add-on at all.
      const quit = marionette.send('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => undefined);
      const quitWithin = (ms: number) => Promise.race([exited.then(() => true), delay(ms).then(() => false)]);
      if (!(await quitWithin(15_000))) {
        child.kill('SIGTERM');
        if (!(await quitWithin(5_000))) child.kill('SIGKILL');
      }
      await exited;
      await quit;
      marionette.close();
    },
  };
}
