/**
 * The shapes an archive import's requests must have, checked where they
 * cross into the background (lib/messages.ts) and into the engine
 * (lib/engine/protocol.ts).
 */
import * as v from '../validate.ts';
import type { ImportFilters } from '../model/import.ts';

/** An import's id: a UUID the page makes when it stores the picked file. */
export const importId = v.string({
  min: 36,
  max: 36,
  pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
});

const FIRST_YEAR = 2006;

export const importFilters: v.Schema<ImportFilters> = v.object({
  years: (y: unknown, p?: string) =>
    y === 'all'
      ? ('all' as const)
      : v.array(v.number({ min: FIRST_YEAR, max: 2100, integer: true }), { max: 100 })(y, p),
  ownPosts: v.boolean(),
  ownThreads: v.boolean(),
  repliesToOthers: v.boolean(),
  retweets: v.boolean(),
  withMedia: v.boolean(),
  withoutMedia: v.boolean(),
});

export const startImport = v.object({
  importId,
  accountIds: v.array(v.string({ min: 1, max: 500 }), { max: 20 }),
  filters: importFilters,
  timeZone: v.string({ min: 1, max: 100, pattern: /^[A-Za-z0-9_+\-/]+$/ }),
  mirror: v.nullable(v.object({ origin: v.string({ min: 1, max: 300 }), scheme: v.oneOf('nitter', 'template') })),
});

export const oneImport = v.object({ importId });

/** Look the archive's X follows up on this mirror (one the user has, checked again in the engine). */
export const resolveFollows = v.object({
  importId,
  mirror: v.string({ min: 8, max: 300, pattern: /^https?:\/\/[^/\s]+$/ }),
});

export type StartArgs = v.Infer<typeof startImport>;
