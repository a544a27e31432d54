/**
 * The handler map the router is given at start: 'settings.get' (every page's
 * first message) answered here from the database, every other message handed
 * to the features' handlers once they are loaded (features.ts). The router has
 * already checked sender and shape before either runs.
 */
import { openSortieDb } from '../db.ts';
import { MESSAGES, type MessageName } from '../messages.ts';
import type { HandlerContext, Handlers } from '../messaging/router.ts';
import { getSettings } from '../settings-store.ts';
import type { FeatureHandlers } from './handlers.ts';

type AnyHandler = (request: unknown, ctx: HandlerContext) => unknown;

export function lazyHandlers(features: () => Promise<{ handlers: FeatureHandlers }>): Handlers {
  const handlers: Partial<Record<MessageName, AnyHandler>> = {
    'settings.get': async () => getSettings(await openSortieDb()),
  };
  for (const name of Object.keys(MESSAGES) as MessageName[]) {
    if (name === 'settings.get') continue;
    handlers[name] = async (request, ctx) => {
      const loaded = (await features()).handlers[name] as AnyHandler;
      return loaded(request, ctx);
    };
  }
  return handlers as Handlers;
}
