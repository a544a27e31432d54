/**
 * Runs on x.com and twitter.com. Asks the background for its (harmless)
 * configuration; the composer overlay (issue 6) and the follow collector
 * (issue 8) attach here.
 */
import { send } from '../../lib/messaging/client.ts';

export default defineContentScript({
  matches: ['*://x.com/*', '*://twitter.com/*', '*://mobile.x.com/*', '*://mobile.twitter.com/*'],
  runAt: 'document_idle',
  async main() {
    const config = await send('page.config');
    document.documentElement.dataset.sortie = config.xOverlay ? 'overlay' : 'off';
  },
});
