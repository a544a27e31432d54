/**
 * Links, mentions and hashtags, with UTF-16 ranges, as each network sees
 * them (its text rules, lib/networks/<network>/text/tokens.ts): what a split
 * keeps whole and what a preview draws as links.
 */
import type { Network } from '../model/draft.ts';
import { textRulesOf } from '../networks/text-registry.ts';
import type { Token } from '../text/tokens.ts';

export type { HashtagToken, MentionToken, Token, UrlToken } from '../text/tokens.ts';

/** Everything a split for `network` must keep whole, sorted and without overlaps. */
export function findTokens(text: string, network: Network): Token[] {
  return textRulesOf(network).tokens(text);
}

/** Whether a text has something that looks like a mention on this network, so asking the server which resolve is worth a round trip. */
export function mayMention(text: string, network: Network): boolean {
  return textRulesOf(network).mayMention(text);
}
