/**
 * A pause of the link rules "until the browser restarts": storage.session
 * names this browser session, storage.local the session in which the pause
 * was first seen, so a restart ends it whichever way the worker woke.
 */
import type { Db } from '../../db.ts';
import { getSettings, updateSettings } from '../../settings-store.ts';
import type { Settings } from '../../settings.ts';
import { isPausedUntilRestart } from '../pause.ts';

/** storage.session: this browser session's id. */
const SESSION_KEY = 'sortie.session';
/** storage.local: the session in which a pause "until restart" was first seen. */
const PAUSE_SESSION_KEY = 'sortie.linkPauseSession';

interface LocalArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** Emptied when the browser (or the extension) restarts. */
interface SessionArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

async function sessionId(session: SessionArea): Promise<string> {
  const stored = (await session.get([SESSION_KEY]))[SESSION_KEY];
  if (typeof stored === 'string') return stored;
  const id = crypto.randomUUID();
  await session.set({ [SESSION_KEY]: id });
  return id;
}

/**
 * Ends a pause "until the browser restarts" once the browser did restart.
 * Not only from runtime.onStartup: an unpacked or re-enabled extension gets
 * onInstalled instead, and session storage tells them all apart.
 * (`areas.storage`, never a destructured `storage`: WXT's auto-imports would
 * take that name for wxt/storage and load it into the service worker.)
 */
export async function settingsAfterRestart(
  db: Db,
  areas: { storage: LocalArea; session: SessionArea },
): Promise<Settings> {
  const settings = await getSettings(db);
  const pausedFrom = (await areas.storage.get([PAUSE_SESSION_KEY]))[PAUSE_SESSION_KEY];
  if (!isPausedUntilRestart(settings.links.pausedUntil)) {
    if (pausedFrom !== undefined) await areas.storage.remove([PAUSE_SESSION_KEY]);
    return settings;
  }
  const current = await sessionId(areas.session);
  if (pausedFrom === undefined) await areas.storage.set({ [PAUSE_SESSION_KEY]: current });
  if (pausedFrom === undefined || pausedFrom === current) return settings;
  await areas.storage.remove([PAUSE_SESSION_KEY]);
  return updateSettings(db, { links: { pausedUntil: null } });
}
