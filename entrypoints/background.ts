/**
 * The service worker (Chromium) or event page (Firefox). Wiring only:
 * lib/background/start.ts registers every listener synchronously at start-up
 * (events are dropped otherwise). Firefox loads it as a module, so what the
 * features need comes as a chunk on first use (lib/background/start.ts);
 * Chromium's service worker may not import() at all, and its single script
 * holds everything.
 */
import { startBackground } from '../lib/background/start.ts';

export default defineBackground({
  type: { firefox: 'module' },
  main() {
    startBackground();
  },
});
