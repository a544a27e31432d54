/**
 * Shapes of the follow bridge's results in a backup file (the `follows`
 * store: X accounts collected and what was found for each), typed against
 * lib/model/bridge.ts so a change there fails `tsc` here until the backup
 * follows it. The current run's progress (`bridgeRuns`) is not exported: it
 * describes work in this browser, not data.
 */
import {
  CONFIDENCES,
  EVIDENCE_KINDS,
  FOLLOW_STATES,
  FOUND_BY,
  HINT_KINDS,
  HINT_SOURCES,
  type BridgeEntry,
  type Candidate,
  type Evidence,
  type Hint,
  type MatchResult,
  type XProfile,
} from '../model/bridge.ts';
import * as v from '../validate.ts';
import { networkSchema } from '../networks/registry.ts';

const text = v.string({ max: 20_000 });
const short = v.string({ max: 2_000 });
const time = v.number({ min: 0 });
const strings = (max: number) => v.array(short, { max });

/** An object used as a map (keys are ids): each value checked, `__proto__` kept as a plain key. */
function recordOf<T>(item: v.Schema<T>, max: number): v.Schema<Record<string, T>> {
  return (value, path = '') => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new v.ValidationError(path, 'an object');
    const entries = Object.entries(value);
    if (entries.length > max) throw new v.ValidationError(path, `at most ${max} entries`);
    return Object.fromEntries(entries.map(([key, inner]) => [key, item(inner, `${path}.${key}`)]));
  };
}

const xProfile: v.Schema<XProfile> = v.object({
  handle: short,
  displayName: short,
  bio: text,
  links: strings(100),
  website: v.nullable(short),
});

const hint: v.Schema<Hint> = v.object({
  network: networkSchema,
  kind: v.oneOf(...HINT_KINDS),
  value: short,
  source: v.oneOf(...HINT_SOURCES),
  cue: v.boolean(),
  confusable: v.boolean(),
  affiliated: v.optional(v.boolean()),
});

const evidence: v.Schema<Evidence> = v.object({
  kind: v.oneOf(...EVIDENCE_KINDS),
  detail: short,
});

const candidate: v.Schema<Candidate> = v.object({
  network: networkSchema,
  id: short,
  handle: short,
  displayName: short,
  bio: text,
  links: strings(100),
  verifiedLinks: strings(100),
  labels: strings(100),
  url: short,
  // Shown only when http(s) (lib/bridge/view.ts webUrl): a backup file is not trusted for it.
  avatar: v.optional(v.nullable(short)),
  createdAt: v.optional(v.nullable(short)),
  found: v.oneOf(...FOUND_BY),
  hints: v.array(hint, { max: 100 }),
  confidence: v.oneOf(...CONFIDENCES),
  evidence: v.array(evidence, { max: 100 }),
  follow: v.oneOf(...FOLLOW_STATES),
});

const matchResult: v.Schema<MatchResult> = v.object({
  checkedAt: time,
  candidates: v.array(candidate, { max: 100 }),
  notes: strings(50),
});

export const bridgeEntrySchema: v.Schema<BridgeEntry> = v.object({
  key: v.string({ min: 1, max: 200 }),
  x: xProfile,
  sources: strings(1_000),
  collectedAt: time,
  seq: v.optional(v.number({ min: 0, integer: true })),
  updatedAt: time,
  matches: recordOf(matchResult, 100),
});
