/**
 * Mastodon's meter for the splitter (lib/text/meter.ts). It is exact for a
 * part cut at whitespace when no entity edge splits a cluster and the part
 * does not merge into the content warning's last cluster; any other part
 * that could hold a link or mention is re-counted with count.ts before it is
 * accepted.
 */
import type { TextAnalysis } from '../../../text/analysis.ts';
import { toClusters } from '../../../text/analysis.ts';
import { countGraphemes, graphemeBoundaries } from '../../../text/graphemes.ts';
import { lastAtMost, type Meter } from '../../../text/meter.ts';
import { countMastodon } from './count.ts';
import { findMastodonEntities, type MastodonEntity } from './tokens.ts';

export interface MastodonSplitLimits {
  network: 'mastodon';
  maxCharacters: number;
  charactersReservedPerUrl: number;
}

interface MastodonWeights {
  /** before[i] = weight of clusters [0, i). */
  before: Int32Array;
  /**
   * False when an entity edge falls inside a cluster, so the per-cluster model
   * may be off by one around it and every part must be counted exactly.
   */
  exact: boolean;
}

function buildWeights(a: TextAnalysis, entities: readonly MastodonEntity[], perUrl: number): MastodonWeights {
  const unit = new Int32Array(a.count).fill(1);
  let exact = true;
  for (const e of entities) {
    const { span, aligned } = toClusters(a.bounds, e.start, e.end);
    exact &&= aligned;
    unit.fill(0, span.start, span.end);
    // The whole entity's cost sits on its first cluster: a cut is never made inside it.
    unit[span.start] = e.kind === 'url' ? perUrl : 1 + e.username.length;
  }
  // A cluster right after an entity that starts with a mark would merge with the placeholder.
  for (const e of entities) {
    if (/^[\p{M}\u200D]/u.test(a.text.slice(e.end, e.end + 2))) exact = false;
  }
  const before = new Int32Array(a.count + 1);
  for (let i = 0; i < a.count; i++) before[i + 1] = (before[i] as number) + (unit[i] as number);
  return { before, exact };
}

/** Mastodon's weight of clusters [0, i) for a given URL cost, once per text and cost. */
function weightsOf(a: TextAnalysis, perUrl: number): MastodonWeights {
  const entities = a.memo('mastodon.entities', (x) => findMastodonEntities(x.text));
  return a.memo(`mastodon.weights.${perUrl}`, (x) => buildWeights(x, entities, perUrl));
}

const REGIONAL_INDICATOR = /[\u{1F1E6}-\u{1F1FF}]/u;

function lastCluster(text: string): string {
  if (text === '') return '';
  const bounds = graphemeBoundaries(text);
  return text.slice(bounds[bounds.length - 2] as number);
}

/** The content warning counts against every part (Sortie repeats it on each post of a thread). */
export function mastodonMeter(a: TextAnalysis, limits: Omit<MastodonSplitLimits, 'network'>, spoiler: string): Meter {
  const { before, exact } = weightsOf(a, limits.charactersReservedPerUrl);
  const spoilerLength = countGraphemes(spoiler);
  const budget = (reserve: number): number => limits.maxCharacters - spoilerLength - reserve;
  const spoilerTail = lastCluster(spoiler);
  /** The server counts spoiler + text as one string: a part opening with a mark merges into the spoiler's last cluster. */
  const seamMerges = (s: number): boolean => {
    if (spoilerTail === '') return false;
    const head = a.text.slice(a.bounds[s] as number, a.bounds[s + 1] as number);
    if (head.charCodeAt(0) < 0x80 && spoilerTail.charCodeAt(spoilerTail.length - 1) < 0x80) return false;
    // Regional indicators pair up by parity across the seam: count those exactly.
    return REGIONAL_INDICATOR.test(head + spoilerTail) || countGraphemes(spoilerTail + head) < 2;
  };
  const options = { maxCharacters: limits.maxCharacters, charactersReservedPerUrl: limits.charactersReservedPerUrl };
  return {
    hasRoom: (reserve) => budget(reserve) > 0,
    reach: (s, limit, reserve) => lastAtMost(before, s, limit, (before[s] as number) + budget(reserve)),
    fill: (s, e, reserve) => ((before[e] as number) - (before[s] as number)) / budget(reserve),
    // Entities depend on the characters around them: a part cut inside a word
    // may see a link or mention the whole text did not. Only "@" and "://" start one.
    needsRecount: (s, e, clean) => {
      if (!exact || seamMerges(s)) return true;
      if (clean) return false;
      const body = a.text.slice(a.bounds[s] as number, a.bounds[e] as number);
      return body.includes('@') || body.includes('://');
    },
    excess: (text) => -countMastodon(text, spoiler, options).remaining,
  };
}
