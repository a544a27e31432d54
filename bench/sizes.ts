/**
 * Sizes of the built entry points (minified; gzip in the label). One has a
 * budget: the links page script, ≤ 8 kB minified (1 kB = 1000 bytes),
 * because it runs on every page the user granted.
 */
import type { Figure } from './run.ts';
import { entrySizes, LINKS_SCRIPT } from './support/bundle.ts';
import { SORTIE_BUILD } from './support/build.ts';

const LINKS_BUDGET_KB = 8;

export async function benchSizes(): Promise<Figure[]> {
  return entrySizes(SORTIE_BUILD).map((s) => ({
    figure: `size: ${s.name} (gzip ${(s.gzipBytes / 1000).toFixed(1)} kB)`,
    value: s.bytes / 1000,
    unit: 'kB',
    ...(s.name === LINKS_SCRIPT ? { budget: LINKS_BUDGET_KB } : {}),
  }));
}
