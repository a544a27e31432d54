/**
 * The service worker. Wiring only: lib/background/start.ts registers every
 * listener synchronously at start-up (MV3 drops events otherwise).
 */
import { startBackground } from '../lib/background/start.ts';

export default defineBackground(() => {
  startBackground();
});
