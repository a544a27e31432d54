/** The follow bridge's messages: the bridge page, and the collector on x.com. */
import { spec } from '../messaging/spec.ts';
import * as v from '../validate.ts';

/** Follow bridge: public profile data an X page showed (a row or a profile header). */
const collectedProfile = v.object({
  handle: v.string({ min: 1, max: 50, pattern: /^[A-Za-z0-9_]+$/ }),
  displayName: v.string({ max: 200 }),
  bio: v.string({ max: 2_000 }),
  links: v.array(v.string({ max: 2_000 }), { max: 20 }),
  website: v.nullable(v.string({ max: 2_000 })),
});

/** The collector panel's texts on x.com, already in the user's language. */
export type BridgePanelStrings = Record<
  'title' | 'count' | 'autoScroll' | 'stop' | 'resume' | 'done' | 'open' | 'hide',
  string
>;

/** Which accounts to look the collected ones up with (the same on the engine's channel). */
export const matchArgsSchema = v.object({
  accountIds: v.array(v.string({ max: 500 }), { max: 20 }),
  recheck: v.boolean(),
});

/** Which matches to follow (the same on the engine's channel). */
export const followTargetsSchema = v.object({
  targets: v.array(
    v.object({ key: v.string({ max: 60 }), accountId: v.string({ max: 500 }), candidateId: v.string({ max: 500 }) }),
    {
      max: 20_000,
    },
  ),
});

export const BRIDGE_MESSAGES = {
  /**
   * Bridge page: the user starts collecting one of their X lists. The background opens it in a
   * tab and injects the collector there, for this run only (no script on X before that).
   */
  'bridge.start': spec<{ started: boolean }>()(
    'extension',
    v.object({
      list: v.oneOf('following', 'followers'),
      handle: v.string({ min: 1, max: 50, pattern: /^[A-Za-z0-9_]+$/ }),
    }),
  ),
  /**
   * The collector in the tab the user started it in: accounts the page showed. Refused from any
   * other tab or list; trimmed and capped per run by the background (lib/bridge/collect-limits.ts).
   * 'enrich' only completes accounts already collected. `full`: the run reached its limits.
   */
  'bridge.collect': spec<{ stored: number; total: number; full: boolean }>()(
    'any',
    v.object({
      source: v.string({ max: 80, pattern: /^(?:following|followers):[a-z0-9_]{1,50}$|^list:\d{1,25}$/ }),
      mode: v.oneOf('collect', 'enrich'),
      profiles: v.array(collectedProfile, { max: 100 }),
    }),
  ),
  /** x.com follow lists: the collector panel's texts. */
  'bridge.panel': spec<{ strings: BridgePanelStrings }>()('any', v.empty()),
  /** x.com follow lists: open the follow bridge page. */
  'bridge.open': spec<{ opened: true }>()('any', v.empty()),
  /** Bridge page: look the collected accounts up with these accounts (progress: 'bridge.changed' + IndexedDB). */
  'bridge.match': spec<{ started: boolean }>()('extension', matchArgsSchema),
  /** Bridge page: follow these matches. */
  'bridge.follow': spec<{ started: boolean }>()('extension', followTargetsSchema),
  'bridge.stop': spec<null>()('extension', v.empty()),
  /** From the engine: a bridge run moved on (pages re-read the store). */
  'bridge.changed': spec<null>()('extension', v.empty()),
};

export type BridgeMessage = keyof typeof BRIDGE_MESSAGES;
