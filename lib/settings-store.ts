/** Reading and changing the settings record. */
import type { Db } from './db.ts';
import { DEFAULT_SETTINGS, mergeSettings, type Settings, type SettingsPatch } from './settings.ts';

const KEY = 'settings';

export async function getSettings(db: Db): Promise<Settings> {
  const row = await db.get('settings', KEY);
  // Merging over the defaults fills in settings added by later versions.
  return row ? mergeSettings(DEFAULT_SETTINGS, row.value) : DEFAULT_SETTINGS;
}

export async function updateSettings(db: Db, patch: SettingsPatch): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  const row = await tx.store.get(KEY);
  const next = mergeSettings(row ? mergeSettings(DEFAULT_SETTINGS, row.value) : DEFAULT_SETTINGS, patch);
  await tx.store.put({ key: KEY, value: next });
  await tx.done;
  return next;
}
