/** Settings for extension pages, loaded from and saved through the background. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { resolveLang, type Lang } from '../lib/i18n/index.ts';
import { send } from '../lib/messaging/client.ts';
import type { Settings, SettingsPatch } from '../lib/settings.ts';

/** Saves a patch through the background; false when it was not saved (the page then shows the error). */
export type UpdateSettings = (patch: SettingsPatch) => Promise<boolean>;

export interface SettingsState {
  settings: Settings | null;
  lang: Lang;
  update: UpdateSettings;
  error: string | null;
}

export function useSettings(): SettingsState {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    send('settings.get').then(setSettings, (e: Error) => setError(e.message));
  }, []);

  const update = useCallback(async (patch: SettingsPatch) => {
    try {
      setSettings(await send('settings.update', patch));
      setError(null);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  }, []);

  const lang = resolveLang(settings?.language ?? 'auto', navigator.languages);
  return { settings, lang, update, error };
}
