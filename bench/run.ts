/**
 * `npm run bench`: every performance figure in one table, printed and written
 * to bench/results.md. It reports; it never fails CI (this machine is noisy).
 *
 * Builds the extension first (`--no-build` measures the existing
 * .output/chrome-mv3); `--only=wake,sizes` runs some benches (and then does
 * not overwrite results.md).
 */
import './support/ts-hooks.ts';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { CHROMIUM } from '../tests/e2e/support/paths.ts';
import { FIREFOX } from '../tests/e2e/support/firefox.ts';
import { bridgeQualitySection } from './bridge-quality.ts';
import { buildExtension, prepareExtensions } from './support/build.ts';

export interface Figure {
  figure: string;
  value: number;
  unit: string;
  baseline?: number;
  budget?: number;
  /** 'ratio' budgets compare value/baseline; 'max' budgets compare value. */
  budgetKind?: 'ratio' | 'max';
}

type Bench = { name: string; run: () => Promise<Figure[]> };

const benches: Bench[] = [];

async function loadBenches(): Promise<void> {
  const modules: Array<[string, string, string]> = [
    ['sizes', './sizes.ts', 'benchSizes'],
    ['wake', './wake.ts', 'benchWake'],
    ['firefox-wake', './firefox-wake.ts', 'benchFirefoxWake'],
    ['pages', './pages.ts', 'benchPages'],
    ['crafted', './crafted.ts', 'benchCrafted'],
    ['composer', './compose.ts', 'benchCompose'],
    ['posting', './posting.ts', 'benchPosting'],
    ['queue', './queue.ts', 'benchQueue'],
    ['firefox-pages', './firefox-pages.ts', 'benchFirefoxPages'],
    ['firefox-queue', './firefox-queue.ts', 'benchFirefoxQueue'],
    ['archive', './archive.ts', 'benchArchive'],
  ];
  for (const [name, path, fn] of modules) {
    if (only !== null && !only.includes(name)) continue;
    try {
      const mod = (await import(path)) as Record<string, () => Promise<Figure[]>>;
      const run = mod[fn];
      if (run) benches.push({ name, run });
    } catch (error) {
      console.error(`bench: ${name} could not load: ${(error as Error).message}`);
      benches.push({ name, run: () => Promise.reject(error) });
    }
  }
}

function verdict(f: Figure): string {
  if (f.budget === undefined || Number.isNaN(f.value)) return '—';
  const measured = f.budgetKind === 'ratio' && f.baseline ? f.value / f.baseline : f.value;
  return measured <= f.budget ? 'pass' : 'FAIL';
}

function row(f: Figure): string[] {
  const ratio = f.baseline ? (f.value / f.baseline).toFixed(2) : '—';
  return [
    f.figure,
    Number.isNaN(f.value) ? '—' : `${f.value.toFixed(2)} ${f.unit}`,
    f.baseline !== undefined ? `${f.baseline.toFixed(2)} ${f.unit}` : '—',
    ratio,
    f.budget !== undefined
      ? `${f.budgetKind === 'ratio' ? '≤ ' + f.budget + '×' : '≤ ' + f.budget + ' ' + f.unit}`
      : '—',
    verdict(f),
  ];
}

const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg === undefined ? null : onlyArg.slice('--only='.length).split(',');
const started = Date.now();
if (!process.argv.includes('--no-build')) {
  try {
    buildExtension();
  } catch (error) {
    console.error(`bench: the build failed, measuring the existing .output/chrome-mv3: ${(error as Error).message}`);
  }
}
await prepareExtensions();
await loadBenches();
const figures: Figure[] = [];
for (const bench of benches) {
  console.log(`bench: ${bench.name}…`);
  const t = Date.now();
  try {
    figures.push(...(await bench.run()));
  } catch (error) {
    // One broken bench must not hide the others' figures.
    console.error(`bench: ${bench.name} failed:`, error);
    figures.push({
      figure: `${bench.name}: failed (${(error as Error).message.split('\n')[0]})`,
      value: Number.NaN,
      unit: '',
    });
  }
  console.log(`bench: ${bench.name} took ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
const header = ['figure', 'value', 'baseline', 'ratio', 'budget', 'result'];
const lines = [header, header.map(() => '---'), ...figures.map(row)].map((r) => `| ${r.join(' | ')} |`);
const table = lines.join('\n');
console.log(table);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`bench: ${seconds} s in all`);
if (only === null) {
  const chromium =
    CHROMIUM === undefined
      ? "Playwright's Chromium"
      : execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  // The `firefox pages` rows: Debian's Firefox ESR over Marionette (bench/firefox-pages.ts).
  const firefox =
    FIREFOX === undefined
      ? ''
      : ` and ${execFileSync(FIREFOX, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}`;
  // Other work on this shared machine moves the figures: the load average says how busy it was.
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, load average ${loadavg()[1]!.toFixed(1)} (5 min)`;
  writeFileSync(
    new URL('./results.md', import.meta.url),
    `# Benchmark results\n\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} in ${seconds} s: ` +
      `Node ${process.version}, ${chromium}${firefox} (headless), ${machine}. ` +
      'Ratios are value / baseline, both measured in this run; 1 kB = 1000 bytes. ' +
      'How each figure is measured: the comment at the top of each bench/*.ts file.\n\n' +
      `${table}\n\n${bridgeQualitySection()}`,
  );
}
