/** Link settings and a Nitter mirror, compiled into page rules the way the background stores them. */
import type { LinkRuleSettings } from '../../../lib/links/dnr';
import type { Mirror } from '../../../lib/links/mirrors';
import { LINK_MIRROR_KEY, readRewriteConfig, type RewriteConfig } from '../../../lib/links/rewrite-config';
import { compilePageRules } from '../../../lib/links/page-rules';

export const PAGE_SETTINGS: LinkRuleSettings = {
  enabled: true,
  subFrames: false,
  keepXUsable: false,
  exceptions: [],
  pausedUntil: null,
  now: 0,
  shareTakeover: true,
  composeUrl: 'chrome-extension://abc/compose.html',
};

export function nitterMirror(origin: string, more: Partial<Mirror> = {}): Mirror {
  return {
    id: origin,
    name: origin,
    origin,
    scheme: 'nitter',
    builtIn: false,
    addedByUser: true,
    pinned: false,
    ...more,
  };
}

/** The storage.local items the background writes for `mirror` (lib/links/background/control.ts). */
export function storedPageValue(mirror: Mirror, settings: Partial<LinkRuleSettings> = {}, replaceEmbeds = true) {
  return {
    [LINK_MIRROR_KEY]: {
      origin: mirror.origin,
      ...compilePageRules({ ...PAGE_SETTINGS, ...settings }, mirror),
      replaceEmbeds,
    },
  };
}

/** What the page script reads back from that value (through JSON, as storage does). */
export function pageConfigFor(
  mirror: Mirror,
  settings: Partial<LinkRuleSettings> = {},
  replaceEmbeds = true,
): RewriteConfig {
  const read = readRewriteConfig(
    JSON.parse(JSON.stringify(storedPageValue(mirror, settings, replaceEmbeds)[LINK_MIRROR_KEY])),
  );
  if (read === null) throw new Error('the compiled page rules did not read back');
  return read;
}
