/** The x.com content script's messages to the background, and the framed composer's. */
import { spec } from '../messaging/spec.ts';
import * as v from '../validate.ts';
import { TICKET_PATTERN } from './embed-protocol.ts';
import type { PageConfig } from './page-config.ts';

export const X_MESSAGES = {
  /** Content scripts: their own configuration. */
  'page.config': spec<PageConfig>()('any', v.empty()),
  /**
   * x.com content script, about to frame the compose page: a one-time secret for the hand-off,
   * bound to its tab. Refused unless the sender is a content script on X and the overlay is on.
   */
  'overlay.ticket': spec<{ ticket: string }>()('any', v.empty()),
  /** The compose page framed on x.com: verify and consume the hand-off's secret (refused: not Sortie's overlay). */
  'overlay.redeem': spec<null>()(
    'extension',
    v.object({ ticket: v.string({ min: 43, max: 43, pattern: TICKET_PATTERN }) }),
  ),
};

export type XMessage = keyof typeof X_MESSAGES;
