/** The background's answers for the composer: open it with a hand-off, check mentions before posting. */
import { browser } from 'wxt/browser';
import type { Db } from '../../db.ts';
import { getAccount } from '../../accounts/store.ts';
import type { EngineClient } from '../../messaging/engine-client.ts';
import type { Handlers } from '../../messaging/router.ts';
import type { ComposeMessage } from '../messages.ts';
import { composeUrl } from './compose-url.ts';

export function createComposeHandlers({
  db,
  engine,
}: {
  db: () => Promise<Db>;
  engine: EngineClient;
}): Pick<Handlers, ComposeMessage> {
  return {
    'compose.unresolvedMentions': async (args) => {
      const account = await getAccount(await db(), args.accountId);
      if (!account) return [];
      return engine.call('account.unresolvedMentions', args);
    },
    'compose.open': async (handoff) => {
      await browser.tabs.create({ url: composeUrl(browser.runtime.getURL('/compose.html'), handoff) });
      return { opened: true };
    },
  };
}
