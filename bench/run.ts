/**
 * `npm run bench`: every performance figure in one table, printed and written
 * to bench/results.md. It reports; it never fails CI (this machine is noisy).
 */
import { writeFileSync } from 'node:fs';

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
  const modules: Array<[string, string, string]> = [['composer', './compose.ts', 'benchCompose']];
  for (const [name, path, fn] of modules) {
    try {
      const mod = (await import(path)) as Record<string, () => Promise<Figure[]>>;
      const run = mod[fn];
      if (run) benches.push({ name, run });
    } catch (error) {
      console.error(`bench: ${name} could not load: ${(error as Error).message}`);
    }
  }
}

function verdict(f: Figure): string {
  if (f.budget === undefined) return '—';
  const measured = f.budgetKind === 'ratio' && f.baseline ? f.value / f.baseline : f.value;
  return measured <= f.budget ? 'pass' : 'FAIL';
}

function row(f: Figure): string[] {
  const ratio = f.baseline ? (f.value / f.baseline).toFixed(2) : '—';
  return [f.figure, `${f.value.toFixed(2)} ${f.unit}`, f.baseline !== undefined ? `${f.baseline.toFixed(2)} ${f.unit}` : '—', ratio, f.budget !== undefined ? `${f.budgetKind === 'ratio' ? '≤ ' + f.budget + '×' : '≤ ' + f.budget + ' ' + f.unit}` : '—', verdict(f)];
}

await loadBenches();
const figures: Figure[] = [];
for (const bench of benches) {
  console.log(`bench: ${bench.name}…`);
  figures.push(...(await bench.run()));
}
const header = ['figure', 'value', 'baseline', 'ratio', 'budget', 'result'];
const lines = [header, header.map(() => '---'), ...figures.map(row)].map((r) => `| ${r.join(' | ')} |`);
const table = lines.join('\n');
console.log(table);
writeFileSync(
  new URL('./results.md', import.meta.url),
  `# Benchmark results\n\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}, ${process.platform}).\n\n${table}\n`,
);
