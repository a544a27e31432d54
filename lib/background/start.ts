/**
 * The background's start: registers every listener synchronously (events are
 * dropped otherwise) and hands each event to the feature that owns it. What
 * the features act with (features.ts) is loaded on the first event that
 * needs it, not at every start: the background starts again and again, often
 * for a message that only reads the settings, and in Firefox's event page
 * every start parses and runs all the code it loads. The network clients live
 * in the engine, not here.
 */
import { browser } from 'wxt/browser';
import { listenForLinks } from '../links/background/wiring.ts';
import type { Features } from './features.ts';
import { lazyHandlers } from './lazy-handlers.ts';
import { dispatch } from './router.ts';

function report(what: string): (error: unknown) => void {
  return (error) => console.error(`Sortie: ${what} failed`, error);
}

export function startBackground(): void {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

  let loading: Promise<Features> | null = null;
  // Firefox imports the chunk; Chromium's build holds it inline (its service worker may not import()).
  const features = (): Promise<Features> =>
    (loading ??= import('./features.ts')
      .then((module) => module.createFeatures())
      .catch((error: unknown) => {
        loading = null;
        throw error;
      }));

  const handlers = lazyHandlers(features);
  listenForLinks(() => features().then((loaded) => loaded.links));

  browser.runtime.onMessage.addListener((message, sender) =>
    dispatch(handlers, message, sender, browser.runtime.id, extensionOrigin),
  );

  browser.alarms.onAlarm.addListener((alarm) => {
    features()
      .then((loaded) => loaded.onAlarm(alarm.name))
      .catch(report(alarm.name));
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    features()
      .then((loaded) => loaded.onMenuClick(info, tab))
      .catch(report('context menu'));
  });

  browser.runtime.onInstalled.addListener(({ reason }) => {
    features()
      .then((loaded) => loaded.onInstalled(reason))
      .catch(report('install'));
  });

  browser.runtime.onStartup.addListener(() => {
    features()
      .then((loaded) => loaded.onStartup())
      .catch(report('startup'));
  });
}
