/**
 * Measures the follow bridge's scorer on a generated population (see
 * population.ts): precision per level (sure, sure+likely), recall of
 * sure+likely for people on Bluesky, and whether every fediverse address an
 * X profile wrote is listed; overall and per trap. Pure: candidates are fed
 * as lookups would return them, no network.
 */
import { extractHints } from '../../../lib/bridge/hints.ts';
import { scoreCandidates } from '../../../lib/bridge/score.ts';
import type { BridgeEntry, Candidate } from '../../../lib/model/bridge.ts';
import { writtenAddresses } from '../../../lib/bridge/view.ts';
import { POPULATION_NOW, type Person } from './population.ts';

export interface Counts {
  people: number;
  sure: number;
  sureRight: number;
  likely: number;
  likelyRight: number;
  /** True accounts of people on Bluesky, and those found sure or likely. */
  blueskyTruth: number;
  blueskyFound: number;
  written: number;
  writtenListed: number;
}

export interface Quality {
  overall: Counts;
  byTrap: Map<string, Counts>;
  /** Wrong sure or likely matches, for reading: `trap: X handle → candidate (level)`. */
  mistakes: string[];
}

const zero = (): Counts => ({
  people: 0,
  sure: 0,
  sureRight: 0,
  likely: 0,
  likelyRight: 0,
  blueskyTruth: 0,
  blueskyFound: 0,
  written: 0,
  writtenListed: 0,
});

export function evaluate(people: readonly Person[]): Quality {
  const overall = zero();
  const byTrap = new Map<string, Counts>();
  const mistakes: string[] = [];
  for (const person of people) {
    const trap = byTrap.get(person.trap) ?? zero();
    byTrap.set(person.trap, trap);
    const hints = extractHints(person.x);
    const scored = scoreCandidates(person.x, hints, person.found, POPULATION_NOW) as Candidate[];
    const truth = new Set(person.truth);
    // Addresses as the results page lists them: with no Mastodon account, and with one whose server found none.
    const entry: BridgeEntry = {
      key: person.x.handle.toLowerCase(),
      x: person.x,
      sources: [],
      collectedAt: 0,
      updatedAt: 0,
      matches: {
        m: {
          checkedAt: 0,
          notes: [],
          candidates: scored.filter((c) => c.network === 'mastodon').map((c) => ({ ...c, follow: 'none' })),
        },
      },
    };
    const listed = new Set([
      ...writtenAddresses(entry, {}).map((a) => a.acct),
      ...writtenAddresses(entry, { mastodon: 'm' }).map((a) => a.acct),
      ...scored.filter((c) => c.network === 'mastodon').map((c) => c.handle),
    ]);
    for (const c of [overall, trap]) {
      c.people++;
      for (const s of scored) {
        const right = truth.has(`${s.network}:${s.handle}`);
        if (s.confidence === 'sure') {
          c.sure++;
          if (right) c.sureRight++;
        } else if (s.confidence === 'likely') {
          c.likely++;
          if (right) c.likelyRight++;
        }
      }
      if (person.onBluesky) {
        const mine = person.truth.filter((t) => t.startsWith('bluesky:'));
        c.blueskyTruth += mine.length;
        c.blueskyFound += mine.filter((t) =>
          scored.some((s) => `${s.network}:${s.handle}` === t && s.confidence !== 'unsure'),
        ).length;
      }
      c.written += person.written.length;
      c.writtenListed += person.written.filter((a) => listed.has(a)).length;
    }
    for (const s of scored) {
      if (s.confidence !== 'unsure' && !truth.has(`${s.network}:${s.handle}`))
        mistakes.push(
          `${person.trap}: @${person.x.handle} → ${s.handle} (${s.confidence}: ${s.evidence.map((e) => e.kind).join(', ')})`,
        );
    }
    for (const t of person.truth) {
      if (
        t.startsWith('bluesky:') &&
        !scored.some((s) => `${s.network}:${s.handle}` === t && s.confidence !== 'unsure')
      )
        mistakes.push(
          `${person.trap}: @${person.x.handle} → ${t} missed (${
            scored
              .find((s) => `${s.network}:${s.handle}` === t)
              ?.evidence.map((e) => e.kind)
              .join(', ') ?? 'dropped'
          })`,
        );
    }
  }
  return { overall, byTrap, mistakes };
}

export const precisionSure = (c: Counts): number => (c.sure ? c.sureRight / c.sure : 1);
export const precisionSureLikely = (c: Counts): number =>
  c.sure + c.likely ? (c.sureRight + c.likelyRight) / (c.sure + c.likely) : 1;
export const recallBluesky = (c: Counts): number => (c.blueskyTruth ? c.blueskyFound / c.blueskyTruth : 1);
export const addressesListed = (c: Counts): number => (c.written ? c.writtenListed / c.written : 1);

const f = (n: number): string => n.toFixed(3);

/** The results as a Markdown section for bench/results.md. */
export function qualityMarkdown(q: Quality, seed: number): string {
  const row = (name: string, c: Counts): string =>
    `| ${name} | ${c.people} | ${c.sure} | ${f(precisionSure(c))} | ${c.sure + c.likely} | ${f(precisionSureLikely(c))} | ${c.blueskyTruth ? f(recallBluesky(c)) : '–'} | ${c.written ? `${c.writtenListed}/${c.written}` : '–'} |`;
  return [
    '## Follow bridge: match quality',
    '',
    `Measured by \`node --experimental-strip-types bench/bridge-quality.ts\` (also part of \`npm run bench\`) on a generated population (seed ${seed}, ${q.overall.people} X accounts; tests/unit/bridge/population.ts): the scorer fed the accounts lookups would return, no network. ` +
      'Targets: precision ≥ 0.98 for sure and ≥ 0.95 for sure+likely, recall of sure+likely ≥ 0.9 for people on Bluesky, every fediverse address written in an X profile listed (tests/unit/bridge/quality.test.ts fails below them).',
    '',
    'The population was written alongside the rules: it guards against regressions more than it predicts an unseen list. The two hard traps at the end (an organisation named with a Bluesky cue and no affiliation words; two accounts claiming one X handle) show what no wording gives away.',
    '',
    '| trap | people | sure | precision sure | sure+likely | precision sure+likely | recall sure+likely (on Bluesky) | addresses listed |',
    '|---|---|---|---|---|---|---|---|',
    row('**all**', q.overall),
    ...[...q.byTrap].map(([name, c]) => row(name, c)),
    '',
    `Wrong or missed (sure/likely): ${q.mistakes.length ? q.mistakes.map((m) => `\`${m}\``).join('; ') : 'none'}.`,
    '',
  ].join('\n');
}
