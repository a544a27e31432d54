/** One thread part with neutral defaults, for adapter tests on both networks. */
import { newTid } from '../../../lib/tid.ts';
import type { PartToSend } from '../../../lib/networks/types.ts';

export function makePart(overrides: Partial<PartToSend> = {}): PartToSend {
  return {
    text: 'Hello',
    images: [],
    contentWarning: '',
    sensitive: false,
    labels: [],
    langs: ['en'],
    visibility: 'public',
    poll: null,
    interaction: { reply: 'everyone', allowQuotes: true },
    parent: null,
    root: null,
    idempotencyKey: newTid(),
    scheduledAt: null,
    ...overrides,
  };
}
