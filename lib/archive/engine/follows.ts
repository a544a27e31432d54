/**
 * Looking up, on the user's Nitter mirror, the X accounts an archive says
 * its owner follows (ids only), and handing each profile found to the follow
 * bridge as if the Following page had shown it. Polite: one request at a
 * time, at least MIN_GAP_MS apart; stoppable; resumable where it stopped.
 * The mirror is hostile: no credentials or referrer go to it, an answer from
 * another origin is refused, answers are capped, the page is parsed by
 * parseNitterProfile (follows.ts).
 */
import { mergeCollected } from '../../bridge/store.ts';
import type { XProfile } from '../../model/bridge.ts';
import type { Db } from '../../db.ts';
import { SortieError } from '../../messaging/errors.ts';
import { readCapped } from '../../networks/shared/response-cap.ts';
import { nitterUserUrl } from '../follows.ts';
import { getImport, putImport } from '../store.ts';
import type { ImportRun } from '../../model/import.ts';

export const MIN_GAP_MS = 2_000;

/** The mirror gave no real answer (network error, timeout, 5xx, 429): why, for the user. */
interface MirrorFailed {
  failed: string;
}
/** A profile page is far smaller; more is not a Nitter page. */
const MAX_PAGE_BYTES = 1_000_000;
const TIMEOUT_MS = 20_000;

export interface FollowResolverDeps {
  db: Db;
  now: () => number;
  fetch: typeof globalThis.fetch;
  /** The profile in a page (DOMParser + parseNitterProfile in the engine). */
  parse: (html: string, finalUrl: string) => XProfile | null;
  sleep: (ms: number) => Promise<void>;
  announce: () => void;
  /** The last run ended: the engine may go idle. */
  onFinished?: () => void;
}

/** Only a Nitter mirror the user has and has not turned off. */
async function checkMirror(db: Db, origin: string): Promise<string> {
  const mirrors = await db.getAll('mirrors');
  const mirror = mirrors.find((m) => m.origin === origin && !m.disabled && (m.scheme ?? 'nitter') === 'nitter');
  if (!mirror || !/^https?:\/\/[^/]+$/.test(mirror.origin)) throw new SortieError('error.archive.noMirror', origin);
  return mirror.origin;
}

export function createFollowResolver(deps: FollowResolverDeps) {
  const { db } = deps;
  const running = new Map<string, { stop: boolean }>();

  /**
   * The profile the mirror shows for this id; null when it answers with none (a 404, an error
   * page, a redirect off the mirror); a MirrorFailed when it does not really answer, which says
   * nothing about the account.
   */
  async function lookUp(mirror: string, xId: string): Promise<XProfile | null | MirrorFailed> {
    let res: Response;
    try {
      res = await deps.fetch(nitterUserUrl(mirror, xId), {
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'follow',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { accept: 'text/html' },
      });
    } catch (error) {
      return { failed: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    if (res.status >= 500 || res.status === 429) {
      await res.body?.cancel().catch(() => undefined);
      return { failed: `HTTP ${res.status}` };
    }
    if (!res.ok || new URL(res.url || mirror).origin !== mirror) return null;
    const bytes = await readCapped(res, MAX_PAGE_BYTES, 'reject');
    if (!bytes) return null;
    return deps.parse(new TextDecoder().decode(bytes), res.url || nitterUserUrl(mirror, xId));
  }

  async function save(run: ImportRun): Promise<void> {
    const fresh = (await getImport(db, run.id)) ?? run;
    await putImport(db, { ...fresh, followsRun: run.followsRun, updatedAt: deps.now() });
    deps.announce();
  }

  async function loop(importId: string, token: { stop: boolean }): Promise<void> {
    for (;;) {
      const run = await getImport(db, importId);
      const state = run?.followsRun;
      if (!run || !state || state.state !== 'running') return;
      if (token.stop) {
        await save({ ...run, followsRun: { ...state, state: 'stopped', updatedAt: deps.now() } });
        return;
      }
      const xId = run.followIds[state.next];
      if (xId === undefined) {
        await save({ ...run, followsRun: { ...state, state: 'done', updatedAt: deps.now() } });
        return;
      }
      const profile = await lookUp(state.mirror, xId);
      if (profile !== null && 'failed' in profile) {
        const failure = { messageKey: 'error.archive.mirrorFailed', detail: `${state.mirror}: ${profile.failed}` };
        await save({ ...run, followsRun: { ...state, state: 'stopped', failure, updatedAt: deps.now() } });
        return;
      }
      if (profile)
        await mergeCollected(
          db,
          `following:${(run.xUsername || 'archive').toLowerCase().slice(0, 50)}`,
          [profile],
          'collect',
          deps.now(),
        );
      await save({
        ...run,
        followsRun: {
          ...state,
          next: state.next + 1,
          found: state.found + (profile ? 1 : 0),
          missing: state.missing + (profile ? 0 : 1),
          updatedAt: deps.now(),
        },
      });
      await deps.sleep(MIN_GAP_MS);
    }
  }

  return {
    /** Starts (or picks up where it stopped) looking the import's follows up on this mirror. */
    async start(importId: string, mirrorOrigin: string): Promise<ImportRun['followsRun']> {
      const run = await getImport(db, importId);
      if (!run) throw new SortieError('error.archive.notFound', importId);
      const mirror = await checkMirror(db, mirrorOrigin);
      const before = run.followsRun;
      const next = before && before.state !== 'done' ? before.next : 0;
      const followsRun = {
        state: 'running' as const,
        mirror,
        next,
        found: before?.state === 'done' ? 0 : (before?.found ?? 0),
        missing: before?.state === 'done' ? 0 : (before?.missing ?? 0),
        failure: null,
        updatedAt: deps.now(),
      };
      await save({ ...run, followsRun });
      if (!running.has(importId)) {
        const token = { stop: false };
        running.set(importId, token);
        void loop(importId, token)
          .catch((error: unknown) => console.error('Sortie: follow lookups stopped', error))
          .finally(() => {
            running.delete(importId);
            if (running.size === 0) deps.onFinished?.();
          });
      }
      return followsRun;
    },
    async stop(importId: string): Promise<void> {
      const token = running.get(importId);
      if (token) token.stop = true;
      const run = await getImport(db, importId);
      if (run?.followsRun?.state === 'running' && !token)
        await save({ ...run, followsRun: { ...run.followsRun, state: 'stopped', updatedAt: deps.now() } });
    },
    running: (): boolean => running.size > 0,
  };
}

export type FollowResolver = ReturnType<typeof createFollowResolver>;
