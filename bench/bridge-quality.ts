/**
 * The follow bridge's match quality (precision per level, recall, fediverse
 * addresses listed), overall and per trap, on the seeded population of
 * tests/unit/bridge/population.ts. Prints the Markdown section; with
 * `--write`, replaces it in bench/results.md. `npm run bench` includes it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { generatePopulation } from '../tests/unit/bridge/population.ts';
import { evaluate, qualityMarkdown } from '../tests/unit/bridge/quality.ts';

export const SEED = 20261203;

export function bridgeQualitySection(): string {
  return qualityMarkdown(evaluate(generatePopulation(SEED)), SEED);
}

/** results.md with the section replaced (or appended): everything from its heading to the next `## ` or the end. */
export function withQualitySection(markdown: string, section: string): string {
  const start = markdown.indexOf('## Follow bridge: match quality');
  if (start === -1) return `${markdown.trimEnd()}\n\n${section}`;
  const next = markdown.indexOf('\n## ', start + 1);
  return `${markdown.slice(0, start)}${section}${next === -1 ? '' : markdown.slice(next + 1)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = bridgeQualitySection();
  console.log(section);
  if (process.argv.includes('--write')) {
    const file = new URL('./results.md', import.meta.url);
    writeFileSync(file, withQualitySection(readFileSync(file, 'utf8'), section));
  }
}
