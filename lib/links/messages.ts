/** The links feature's messages: options page, fallback page, mirror-check script. */
import { spec } from '../messaging/spec.ts';
import * as v from '../validate.ts';
import type { LinksState } from './state.ts';

/** A mirror the user adds: its origin, and path templates for a non-Nitter site. */
const newMirror = v.object({
  origin: v.string({ min: 1, max: 300 }),
  name: v.optional(v.string({ max: 100 })),
  scheme: v.oneOf('nitter', 'template'),
  templates: v.optional(
    v.object({
      home: v.optional(v.string({ max: 300 })),
      profile: v.optional(v.string({ max: 300 })),
      status: v.optional(v.string({ max: 300 })),
      search: v.optional(v.string({ max: 300 })),
      hashtag: v.optional(v.string({ max: 300 })),
      list: v.optional(v.string({ max: 300 })),
    }),
  ),
});

export const LINK_MESSAGES = {
  /** Options page: the mirrors with their health, the one in use, where page links are rewritten. */
  'links.state': spec<LinksState>()('extension', v.empty()),
  /** Options page: after a host permission was granted or removed. */
  'links.refresh': spec<LinksState>()('extension', v.empty()),
  'links.addMirror': spec<LinksState>()('extension', newMirror),
  /** User mirrors only; built-in ones are turned off instead. */
  'links.removeMirror': spec<LinksState>()('extension', v.object({ id: v.string({ max: 300 }) })),
  'links.setMirrorEnabled': spec<LinksState>()(
    'extension',
    v.object({ id: v.string({ max: 300 }), enabled: v.boolean() }),
  ),
  'links.checkMirrors': spec<LinksState>()('extension', v.empty()),
  /** Fallback page: check the mirrors again; where to read this X URL now (null: still none works). */
  'links.retry': spec<{ url: string | null }>()('extension', v.object({ url: v.string({ min: 1, max: 4_000 }) })),
  /** Fallback page: let this one X URL through for a minute. */
  'links.allowOnce': spec<null>()('extension', v.object({ url: v.string({ min: 1, max: 4_000 }) })),
  /** Mirror-check content script: the mirror failed the reader on this page. */
  'links.mirrorFailed': spec<null>()(
    'any',
    v.object({
      url: v.string({ min: 1, max: 4_000 }),
      reason: v.oneOf('rate-limited', 'no-sessions', 'http-error'),
      detail: v.string({ max: 300 }),
    }),
  ),
};

export type LinkMessageName = keyof typeof LINK_MESSAGES;
