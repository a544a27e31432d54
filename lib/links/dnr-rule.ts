/**
 * The declarativeNetRequest rule shapes the link feature writes (plain objects
 * shaped like `chrome.declarativeNetRequest.Rule`), the block of dynamic-rule
 * ids it owns and the priorities that order its rules (see dnr.ts's header).
 */
export type ResourceType = 'main_frame' | 'sub_frame' | 'script';

export interface DnrCondition {
  regexFilter?: string;
  urlFilter?: string;
  isUrlFilterCaseSensitive: false;
  resourceTypes: ResourceType[];
  requestMethods?: ['get'];
  initiatorDomains?: string[];
  excludedInitiatorDomains?: string[];
}

export type DnrAction =
  { type: 'allow' } | { type: 'block' } | { type: 'redirect'; redirect: { regexSubstitution: string } };

export interface DnrRule {
  id: number;
  priority: number;
  action: DnrAction;
  condition: DnrCondition;
}

/** The block of dynamic-rule ids this feature owns; nothing else may use them. */
export const LINK_RULE_ID_MIN = 7_000;
export const LINK_RULE_ID_MAX = 7_999;
/** Where each kind of rule starts in the block (a kind's rules take consecutive ids). */
export const RULE_ID_BASE = {
  share: 7_050,
  embedScript: 7_060,
  fixer: 7_070,
  account: 7_100,
  reserved: 7_150,
  /** Mirror redirects, or fallback blocks when no mirror works: `route + MirrorSpec.ruleIdOffset`. */
  route: 7_200,
  exception: 7_500,
} as const;

export const PRIORITY = {
  exception: 50,
  account: 45,
  share: 40,
  mirror: 30,
  reserved: 20,
  tab: 15,
  profile: 10,
} as const;

/** The share-intent rule's id: the background opens the composer for what it blocked. */
export const SHARE_RULE_ID = RULE_ID_BASE.share;

/** True for the route rules' ids (mirror redirects, or fallback blocks when no mirror works). */
export function isRouteRuleId(id: number): boolean {
  return id >= RULE_ID_BASE.route && id < RULE_ID_BASE.exception;
}

export function isLinkRuleId(id: number): boolean {
  return id >= LINK_RULE_ID_MIN && id <= LINK_RULE_ID_MAX;
}

/** The ids, among installed rules, that belong to the link feature. */
export function ruleIdsFor(installed: readonly { id: number }[]): number[] {
  return installed.map((r) => r.id).filter(isLinkRuleId);
}

export const allowRule = (
  id: number,
  priority: number,
  filter: Pick<DnrCondition, 'regexFilter' | 'urlFilter'>,
): DnrRule => ({
  id,
  priority,
  action: { type: 'allow' },
  condition: { ...filter, isUrlFilterCaseSensitive: false, resourceTypes: ['main_frame', 'sub_frame'] },
});
