/**
 * The engine's drain loop: one drain at a time (lib/outbox/engine/drain.ts),
 * another round when asked for during one, nothing while offline, and
 * 'engine.idle' to the background when it ends so the background can set
 * its alarm and close the engine.
 */
import type { Db } from '../../db.ts';
import type { Job } from '../../model/job.ts';
import { bumpStatQuietly } from '../../stats.ts';
import { DEFAULT_RETRY_POLICY } from '../retry.ts';
import { drainOutbox, type PublishRequest } from './drain.ts';
import type { PostRef } from '../../networks/types.ts';

export interface DrainLoopDeps {
  db: Db;
  publish: (request: PublishRequest) => Promise<PostRef>;
  /** Tells open pages and the background; nobody listening is normal. */
  announce: (name: 'outbox.changed' | 'engine.idle', body?: unknown) => void;
  /** Puts more jobs in the outbox before each round (running archive imports feed their next chains). */
  feed?: () => Promise<void>;
  /** A job changed state (archive imports keep their records up to date). */
  onJobChange?: (job: Job) => void;
  /**
   * Resolves once what onJobChange started is done. Awaited before 'engine.idle':
   * the background closes the engine on it, and bookkeeping cut short would leave
   * an import that posted everything marked running until the next wake.
   */
  settle?: () => Promise<void>;
  /** Other work keeps the engine open (a follow-bridge run): it reports 'idle' itself when it ends. */
  busyElsewhere: () => boolean;
  online: () => boolean;
}

export interface DrainLoop {
  /** Starts a drain unless one runs; a running one goes round again. */
  requestDrain(): void;
  draining(): boolean;
}

/** Offline, attempts would only burn the retry budget; the engine's 'online' listener asks again. */
const OFFLINE_RECHECK_MS = 60_000;

export function createDrainLoop(deps: DrainLoopDeps): DrainLoop {
  let draining: Promise<void> | null = null;
  let again = false;

  async function loop(): Promise<void> {
    let nextWakeAt: number | null;
    // Settling may feed more chains and ask for another round (`again`).
    for (;;) {
      do {
        again = false;
        if (!deps.online()) {
          nextWakeAt = Date.now() + OFFLINE_RECHECK_MS;
          break;
        }
        await deps.feed?.().catch((error: unknown) => console.error('Sortie: could not feed the outbox', error));
        const result = await drainOutbox({
          db: deps.db,
          now: Date.now,
          random: Math.random,
          policy: DEFAULT_RETRY_POLICY,
          publish: deps.publish,
          onJobChange: (job) => {
            // The dashboard counts posts, not thread parts.
            if (job.state === 'sent' && job.partIndex === 0) bumpStatQuietly(deps.db, `posts.${job.network}`);
            deps.onJobChange?.(job);
            deps.announce('outbox.changed');
          },
        });
        nextWakeAt = result.nextWakeAt;
      } while (again);
      await deps.settle?.().catch((error: unknown) => console.error('Sortie: job bookkeeping failed', error));
      if (!again) break;
    }
    if (!deps.busyElsewhere()) deps.announce('engine.idle', { nextWakeAt, offline: !deps.online() });
  }

  return {
    requestDrain() {
      if (draining) {
        again = true;
        return;
      }
      draining = loop()
        .catch((error: unknown) => console.error('Sortie: outbox drain failed', error))
        .finally(() => {
          draining = null;
        });
    },
    draining: () => draining !== null,
  };
}
