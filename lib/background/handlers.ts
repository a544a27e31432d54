/**
 * What the background answers: every feature's handlers, given the context
 * they need, in one map; TypeScript flags a message without a handler. The
 * router (lib/background/router.ts) has already checked sender and shape.
 * The settings read is answered by start.ts itself (lazy-handlers.ts), so a
 * page's first message does not load all of this.
 */
import { browser } from 'wxt/browser';
import { createAccountHandlers } from '../accounts/background/handlers.ts';
import { createArchiveHandlers } from '../archive/background/handlers.ts';
import { createDataHandlers } from '../backup/background/handlers.ts';
import { createBridgeHandlers } from '../bridge/background/handlers.ts';
import { createComposeHandlers } from '../compose/background/handlers.ts';
import { linkHandlers } from '../links/background/handlers.ts';
import type { Handlers } from '../messaging/router.ts';
import { drainDueOrSetAlarm } from '../outbox/background/control.ts';
import { createOutboxHandlers } from '../outbox/background/handlers.ts';
import { updateSettings } from '../settings-store.ts';
import { createXHandlers } from '../x/background/handlers.ts';
import type { BackgroundContext } from './context.ts';

/** Every handler but 'settings.get'. */
export type FeatureHandlers = Omit<Handlers, 'settings.get'>;

export function createHandlers(context: BackgroundContext): FeatureHandlers {
  const { db, engine, onSettingsChanged, links } = context;
  return {
    'settings.update': async (patch) => {
      const settings = await updateSettings(await db(), patch);
      await onSettingsChanged();
      return settings;
    },
    ...createAccountHandlers(context),
    ...createComposeHandlers(context),
    ...createOutboxHandlers(context),
    ...createXHandlers(context),
    ...linkHandlers({ db, links, grantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [] }),
    ...createBridgeHandlers(context),
    ...createArchiveHandlers(context),
    ...createDataHandlers({
      db,
      engine,
      afterImport: async (database) => {
        await onSettingsChanged();
        await drainDueOrSetAlarm(engine, database);
      },
    }),
  };
}
