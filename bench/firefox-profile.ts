/**
 * Where Firefox's main thread goes while Sortie rewrites the 10,000-link page
 * of bench/firefox-pages.ts: one load profiled with Firefox's own profiler
 * (started and read over Marionette in the browser's chrome context). Writes
 * the whole profile to bench/.tmp/firefox-profile.json (open it in
 * profiler.firefox.com) and prints the page process's timeline after load and
 * where its samples went. Not part of `npm run bench`: a tool for when the
 * Firefox pages figure moves.
 *
 *   npx wxt build -b firefox && node --experimental-strip-types bench/firefox-profile.ts
 */
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch, loadOnce, prepareAddon, script, servePage, SORTIE_FIREFOX } from './firefox-pages.ts';
import { startRecordingProxy } from '../tests/e2e/support/proxy.ts';

const WARM_LOADS = 3;
const OUT = fileURLToPath(new URL('./.tmp/firefox-profile.json', import.meta.url));

/** The parts of a Gecko profile read here (the format profiler.firefox.com loads). */
interface Table {
  schema: Record<string, number>;
  data: unknown[][];
}
interface Thread {
  name: string;
  pid: number | string;
  samples: Table;
  markers: Table;
  stackTable: Table;
  frameTable: Table;
  stringTable: string[];
}
interface Profile {
  meta: { startTime: number };
  threads: Thread[];
  processes?: Profile[];
}

/** What the samples' stacks are counted as, first match from the leaf up. */
const CATEGORIES: [string, RegExp][] = [
  ["Firefox's reader-view check", /Readerable/],
  ['setAttribute', /^Element\.setAttribute/],
  ['getAttribute', /^Element\.getAttribute/],
  ['querySelectorAll', /^querySelectorAll/],
  ['regular expressions', /^(test|exec|replace|\[Symbol\.replace\]|RegExp\w*) \(self-hosted/],
  ["Sortie's page script", /\/links\.js:/],
];

function pageThread(profile: Profile): { thread: Thread; startTime: number } {
  for (const p of [profile, ...(profile.processes ?? [])])
    for (const thread of p.threads)
      if (thread.name === 'GeckoMain' && JSON.stringify(thread.markers.data).includes('links.html'))
        if (p !== profile) return { thread, startTime: p.meta.startTime };
  throw new Error('bench: no content process loaded the page in the profile');
}

function summarize(profile: Profile, timeOrigin: number, load: number, done: number): void {
  const { thread, startTime } = pageThread(profile);
  const offset = startTime - timeOrigin;
  const strings = thread.stringTable;
  const m = thread.markers.schema;
  console.log(`\nload event ${load.toFixed(0)} ms, every link rewritten ${done.toFixed(0)} ms (page time)`);
  for (const row of thread.markers.data) {
    const data = row[m.data!] as { type?: string; eventType?: string; category?: string } | null;
    const phase = row[m.phase!] as number;
    const start = (row[m.startTime!] as number | null) ?? 0;
    const end = (row[m.endTime!] as number | null) ?? start;
    const at = start + offset;
    if (at < load - 5 || at > done + 5 || phase === 3) continue;
    const name = strings[row[m.name!] as number]!;
    const long = name === 'LongTask' && phase === 1 && end - start >= 10;
    const event = data?.type === 'DOMEvent' && ['load', 'MozAfterPaint', 'success'].includes(data.eventType ?? '');
    if (long || event)
      console.log(
        `  ${at.toFixed(1).padStart(7)} ${long ? `long task, ${(end - start).toFixed(1)} ms` : data?.eventType}`,
      );
  }
  const s = thread.samples.schema;
  const counts = new Map<string, number>();
  let total = 0;
  for (const sample of thread.samples.data) {
    const at = (sample[s.time!] as number) + offset;
    if (at < load || at > done) continue;
    total += 1;
    let stack = sample[s.stack!] as number | null;
    let category = 'other (Firefox)';
    const names: string[] = [];
    while (stack !== null) {
      const [prefix, frame] = [thread.stackTable.schema.prefix!, thread.stackTable.schema.frame!].map(
        (i) => thread.stackTable.data[stack!]![i] as number | null,
      );
      names.push(strings[thread.frameTable.data[frame!]![thread.frameTable.schema.location!] as number]!);
      stack = prefix!;
    }
    search: for (const n of names)
      for (const [c, re] of CATEGORIES)
        if (re.test(n)) {
          category = c;
          break search;
        }
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  console.log(`\nsamples between load and the last rewrite: ${total}`);
  for (const [c, n] of [...counts].sort((a, b) => b[1] - a[1]))
    console.log(`  ${((100 * n) / total).toFixed(1).padStart(5)}%  ${c}`);
}

prepareAddon();
const proxy = await startRecordingProxy();
const { url, server } = await servePage();
const { ff, dir } = await launch(proxy.port, SORTIE_FIREFOX);
try {
  for (let i = 0; i < WARM_LOADS; i++) await loadOnce(ff, url, true);
  await ff.marionette.send('Marionette:SetContext', { value: 'chrome' });
  await script(
    ff,
    `Services.profiler.StartProfiler(1 << 24, 0.5, ['js', 'stackwalk', 'cpu', 'ipcmessages'], ['GeckoMain']);`,
  );
  await ff.marionette.send('Marionette:SetContext', { value: 'content' });
  const { load, done } = await loadOnce(ff, url, true);
  const timeOrigin = await script<number>(ff, 'return performance.timeOrigin;');
  await ff.marionette.send('Marionette:SetContext', { value: 'chrome' });
  const profile = await script<Profile>(
    ff,
    'const p = await Services.profiler.getProfileDataAsync(); Services.profiler.StopProfiler(); return p;',
  );
  writeFileSync(OUT, JSON.stringify(profile));
  console.log(`bench: the profile is in ${OUT}`);
  summarize(profile, timeOrigin, load, done);
} finally {
  await ff.close();
  rmSync(dir, { recursive: true, force: true });
  server.close();
  await proxy.close();
}
