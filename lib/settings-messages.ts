/** The settings' messages (options page, composer). */
import { spec } from './messaging/spec.ts';
import type { Settings } from './settings.ts';
import { settingsPatchSchema } from './settings-schema.ts';
import * as v from './validate.ts';

export const SETTINGS_MESSAGES = {
  'settings.get': spec<Settings>()('extension', v.empty()),
  'settings.update': spec<Settings>()('extension', settingsPatchSchema),
};
