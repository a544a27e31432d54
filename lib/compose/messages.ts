/** The composer's messages to the background. */
import { spec } from '../messaging/spec.ts';
import * as v from '../validate.ts';

/** Text and link handed to the composer from a page, a share intent or a context menu. */
const composeHandoff = v.object({
  text: v.optional(v.string({ max: 50_000 })),
  url: v.optional(v.string({ max: 4_000 })),
});

export const COMPOSE_MESSAGES = {
  /** Mentions in this text that match no account on that account's network (the composer shows them before posting). */
  'compose.unresolvedMentions': spec<string[]>()(
    'extension',
    v.object({ accountId: v.string({ max: 500 }), text: v.string({ max: 50_000 }) }),
  ),
  /** Content scripts and pages: open Sortie's composer with this text. */
  'compose.open': spec<{ opened: true }>()('any', composeHandoff),
};

export type ComposeMessage = keyof typeof COMPOSE_MESSAGES;
