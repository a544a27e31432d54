/**
 * Every network's text rules, by id (lib/networks/text-rules.ts). Loaded by
 * the composer and the archive import only, never by the service worker
 * (they carry the tokenizers and the TLD list; `npm run lint:layers` checks
 * the background cannot reach this file). `satisfies` over the `Network`
 * union: a network added to the union and not here does not compile.
 */
import { blueskyText } from './bluesky/text/rules.ts';
import { mastodonText } from './mastodon/text/rules.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { LimitsOf, Network } from './network.ts';
import type { AdaptWarning, TextRules } from './text-rules.ts';
import type { TextAnalysis } from '../text/analysis.ts';
import type { Meter } from '../text/meter.ts';
import type { Token } from '../text/tokens.ts';

/** Text rules for network N, whatever its own limits, counts and import targets. */
type SomeTextRules<N extends Network> = TextRules<N, { network: N }, { over: boolean }, { network: N; video: boolean }>;

export const NETWORK_TEXT = {
  mastodon: mastodonText,
  bluesky: blueskyText,
} as const satisfies { readonly [N in Network]: SomeTextRules<N> };

/**
 * Network N's rules as registered; a network missing from NETWORK_TEXT gets
 * the general shape, so the compiler reports the gap here only, where it is
 * to be filled, rather than in every file that uses these types.
 */
type RulesOf<N extends Network> = N extends keyof typeof NETWORK_TEXT ? (typeof NETWORK_TEXT)[N] : SomeTextRules<N>;

/** What the splitter measures against on network N, tagged with N. */
export type SplitLimitsOf<N extends Network> = ReturnType<RulesOf<N>['splitLimits']>;
/** A post's length in network N's own units. */
export type CountOf<N extends Network> = ReturnType<RulesOf<N>['count']>;
/** What an imported tweet must fit on network N. */
export type ImportTargetOf<N extends Network> = ReturnType<RulesOf<N>['importTarget']>;

/** Any network's split limits, tagged (what `splitForNetwork` takes). */
export type SplitLimits = { [N in Network]: SplitLimitsOf<N> }[Network];
/** Any network's import target, tagged. */
export type ImportTarget = { [N in Network]: ImportTargetOf<N> }[Network];

/**
 * One network's rules, typed for any network. TypeScript cannot follow a
 * network id into the matching limits and counts through a union, so this is
 * the one place where the pairing is asserted; NETWORK_TEXT's type
 * guarantees it.
 */
export interface TextRulesOfAny {
  network: Network;
  tokens(text: string): Token[];
  mayMention(text: string): boolean;
  splitLimits(limits: LimitsOf<Network>): SplitLimits;
  meter(analysis: TextAnalysis, limits: SplitLimits, spoiler: string): Meter;
  count(text: string, spoiler: string, limits: LimitsOf<Network>): CountOf<Network>;
  counted(count: CountOf<Network>): { used: number; limit: number };
  overBytes(count: CountOf<Network>): boolean;
  warnings(draft: Parameters<RulesOf<Network>['warnings']>[0], limits: LimitsOf<Network>): AdaptWarning[];
  importNote: MessageKey;
  importTarget(limits: LimitsOf<Network>, videoSizeLimit?: number | null): ImportTarget;
  importMaxImages(target: ImportTarget): number;
  importVideoFits(target: ImportTarget, size: number): boolean;
}

export function textRulesOf(network: Network): TextRulesOfAny {
  return NETWORK_TEXT[network] as unknown as TextRulesOfAny;
}
