/**
 * Archive: a generated X archive of 20,000 tweets (two tweets parts,
 * note-tweets, threads, replies, retweets, links, emoji) and 2,000 media files
 * of 128 KB (a ZIP of about 270 MB on disk) is read in place and planned for
 * one Bluesky and one Mastodon account with the default filters, in a fresh
 * Node process (bench/archive-child.ts) so that its peak memory is the
 * reader's alone. Memory is flat when it does not follow the ZIP's size:
 * media are listed, never read, and each data file is dropped once parsed.
 * The baseline is the same archive with 8 KB media files (a ZIP 16 times
 * smaller): the ratio of the two peaks should stay near 1.
 * The plan's hours are how long the networks' published limits make the
 * import take (lib/archive/schedule.ts, 10 % headroom kept).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './run.ts';

const CHILD = fileURLToPath(new URL('./archive-child.ts', import.meta.url));
const MB = 1024 * 1024;

interface Measured {
  readSeconds: number;
  planSeconds: number;
  cpuSeconds: number;
  tweets: number;
  media: number;
  chosen: number;
  zipBytes: number;
  baseRss: number;
  peakRss: number;
  peakHeap: number;
  blueskyHours: number;
  mastodonHours: number;
}

function child(args: string[]): string {
  return execFileSync(
    process.execPath,
    ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', CHILD, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

export async function benchArchive(): Promise<Figure[]> {
  const zip = join(tmpdir(), `sortie-bench-archive-${process.pid}.zip`);
  const measure = (): Measured => JSON.parse(child(['measure', zip]).trim().split('\n').pop() ?? '{}') as Measured;
  try {
    child(['generate', zip, String(8 * 1024)]);
    const small = measure();
    child(['generate', zip, String(128 * 1024)]);
    const m = measure();
    return [
      {
        figure: `archive: read ${m.tweets} tweets and ${m.media} media entries, and plan ${m.chosen} for two accounts`,
        value: m.readSeconds + m.planSeconds,
        unit: 's',
        budget: 20,
        budgetKind: 'max',
      },
      { figure: 'archive: of which reading', value: m.readSeconds, unit: 's' },
      {
        figure: 'archive: CPU time of reading and planning (what the machine’s load does not stretch)',
        value: m.cpuSeconds,
        unit: 's',
      },
      { figure: 'archive: ZIP size on disk', value: m.zipBytes / MB, unit: 'MB' },
      {
        figure: `archive: peak resident memory above the process at rest (baseline: the same with a ${(small.zipBytes / MB).toFixed(0)} MB ZIP)`,
        value: (m.peakRss - m.baseRss) / MB,
        unit: 'MB',
        baseline: (small.peakRss - small.baseRss) / MB,
        budget: 1.25,
        budgetKind: 'ratio',
      },
      { figure: 'archive: peak JS heap', value: m.peakHeap / MB, unit: 'MB' },
      { figure: 'archive: plan length on Bluesky (5,000 points/h, 35,000/day)', value: m.blueskyHours, unit: 'h' },
      {
        figure: 'archive: plan length on Mastodon (300 statuses/3 h, 30 media/30 min)',
        value: m.mastodonHours,
        unit: 'h',
      },
    ];
  } finally {
    if (existsSync(zip)) rmSync(zip);
  }
}
