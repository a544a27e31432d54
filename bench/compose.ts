/**
 * Composer keystroke cost: typing at the end of a 5,000-character,
 * emoji-heavy draft, with one Mastodon and one Bluesky account selected.
 * Each keystroke is a new draft object and one previewDraft call (counting,
 * splitting into a numbered thread, warnings), as the composer does.
 *
 * Wall time is what the user feels, and what the budget is about. CPU time
 * (this process, all threads) is reported too: on a shared, loaded machine
 * the wall-time tail mostly measures other processes.
 *
 * Run alone: node --experimental-strip-types bench/compose.ts
 */
import { pathToFileURL } from 'node:url';
import { emptyDraft, type Draft } from '../lib/model/draft.ts';
import { BLUESKY_LIMITS, type MastodonLimits } from '../lib/compose/limits.ts';
import { previewDraft, type PreviewTarget } from '../lib/compose/preview.ts';

export interface BenchFigure {
  figure: string;
  value: number;
  unit: string;
  budget?: number;
}

const DRAFT_LENGTH = 5000;
const KEYSTROKES = 500;
/** Unmeasured keystrokes first, so the figures are about steady typing, not JIT warm-up. */
const WARMUP = 50;
const BUDGET_P95_MS = 4;

const MASTODON: MastodonLimits = {
  maxCharacters: 500,
  charactersReservedPerUrl: 23,
  maxMediaAttachments: 4,
  descriptionLimit: 1500,
  supportedMimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  imageSizeLimit: 16 * 1024 * 1024,
  pollMaxOptions: 4,
  pollMaxCharactersPerOption: 50,
};

const TARGETS: PreviewTarget[] = [
  { accountId: 'mastodon-1', network: 'mastodon', limits: MASTODON },
  { accountId: 'bluesky-1', network: 'bluesky', limits: BLUESKY_LIMITS },
];

/** Mixed prose: emoji families, flags, skin tones, accents, RTL, CJK, links, mentions, tags. */
const FRAGMENTS = [
  'Leaving for the mountains this weekend 🏔️ with the family 👨‍👩‍👧‍👦! ',
  'Café crème e\u0301te\u0301 🇫🇷🇮🇹🇯🇵 ',
  'Thumbs up 👍🏽👋🏿✌🏼 from everyone. ',
  'Read https://en.wikipedia.org/wiki/Sortie_(military) first, then ping @alice@mastodon.social or @bob.bsky.social. ',
  'مرحبا بالعالم، كيف حالك؟ ',
  'שלום עולם. ',
  '今日は良い天気ですね。散歩に行きましょう！',
  '#hiking #山登り 🧗‍♀️🧗‍♂️\n\n',
];

function baseText(): string {
  let text = '';
  for (let i = 0; text.length < DRAFT_LENGTH; i++) text += FRAGMENTS[i % FRAGMENTS.length];
  return text.slice(0, DRAFT_LENGTH);
}

/** What the user types: letters, spaces, emoji and a sentence end now and then. */
const TYPED = [...'so much fun 😀 we met a 🦊 and then the 👨‍👩‍👧‍👦 went home. '];

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? 0;
}

export async function benchCompose(): Promise<BenchFigure[]> {
  let draft: Draft = {
    ...emptyDraft('bench', 0),
    text: baseText(),
    contentWarning: 'Long post',
    numbering: true,
    targets: TARGETS.map((t) => t.accountId),
  };
  const wall: number[] = [];
  const cpu: number[] = [];
  let parts = 0;
  for (let k = 0; k < WARMUP + KEYSTROKES; k++) {
    draft = { ...draft, text: draft.text + TYPED[k % TYPED.length], updatedAt: k };
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const previews = previewDraft(draft, TARGETS);
    const elapsed = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    if (k >= WARMUP) {
      wall.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
    }
    parts = previews.reduce((n, p) => n + p.parts.length, 0);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return [
    { figure: 'compose.keystroke.p50', value: percentile(wall, 50), unit: 'ms' },
    { figure: 'compose.keystroke.p95', value: percentile(wall, 95), unit: 'ms', budget: BUDGET_P95_MS },
    { figure: 'compose.keystroke.max', value: percentile(wall, 100), unit: 'ms' },
    { figure: 'compose.keystroke.cpu.p50', value: percentile(cpu, 50), unit: 'ms' },
    { figure: 'compose.keystroke.cpu.p95', value: percentile(cpu, 95), unit: 'ms' },
    { figure: 'compose.thread.parts', value: parts, unit: 'posts' },
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await benchCompose()) {
    const budget = f.budget === undefined ? '' : ` (budget ${f.budget} ${f.unit})`;
    console.log(`${f.figure}: ${f.value.toFixed(3)} ${f.unit}${budget}`);
  }
}
