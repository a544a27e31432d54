/** The background's answers to the x.com content script and to the composer it frames. */
import type { Db } from '../../db.ts';
import { SortieError } from '../../messaging/errors.ts';
import type { Handlers } from '../../messaging/router.ts';
import { getSettings } from '../../settings-store.ts';
import { isXUrl } from '../embed-protocol.ts';
import type { XMessage } from '../messages.ts';
import { createTicketBook } from './overlay-tickets.ts';
import { pageConfigFrom } from './page-config.ts';

export function createXHandlers({ db }: { db: () => Promise<Db> }): Pick<Handlers, XMessage> {
  /** The x.com overlay's hand-off secrets (overlay-tickets.ts). */
  const tickets = createTicketBook();
  return {
    'page.config': async () => pageConfigFrom(await getSettings(await db()), navigator.languages),
    'overlay.ticket': async (_, { sender, tabId, url }) => {
      // Only the x.com content script frames the composer; extension pages have no use for a secret.
      if (sender !== 'content' || tabId === undefined || !isXUrl(url))
        throw new SortieError('error.forbiddenSender', 'overlay.ticket');
      if (!(await getSettings(await db())).xOverlay)
        throw new SortieError('error.forbiddenSender', 'the x.com overlay is off');
      return { ticket: tickets.issue(tabId) };
    },
    'overlay.redeem': async ({ ticket }, { tabId }) => {
      // Consumed first, whatever follows: a secret is never presented twice.
      const valid = tabId !== undefined && tickets.redeem(ticket, tabId);
      if (!(await getSettings(await db())).xOverlay)
        throw new SortieError('error.forbiddenSender', 'the x.com overlay is off');
      if (!valid) throw new SortieError('error.forbiddenSender', "not Sortie's overlay");
      return null;
    },
  };
}
