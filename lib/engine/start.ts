/**
 * The posting engine's start (see lib/engine/protocol.ts). It listens only on
 * its own port and answers only the background (lib/engine/router.ts checks
 * the sender, the operation and its arguments); it never listens to runtime
 * messages, which content scripts can send.
 */
import { browser } from 'wxt/browser';
import { createAccountEngineHandlers } from '../accounts/engine/handlers.ts';
import { createArchiveEngineHandlers } from '../archive/engine/handlers.ts';
import { createFollowResolver } from '../archive/engine/follows.ts';
import type { ImportRunner } from '../archive/engine/runner.ts';
import { parseNitterProfile } from '../archive/follows.ts';
import { isImportChain } from '../archive/plan-records.ts';
import { importsRunning } from '../archive/store.ts';
import { createBackupEngineHandlers } from '../backup/engine/handlers.ts';
import { createBridgeEngineHandlers } from '../bridge/engine/handlers.ts';
import { createBridgeService } from '../bridge/engine/runner.ts';
import { getAccount, putAccount, setAccountStatus } from '../accounts/store.ts';
import { openSortieDb } from '../db.ts';
import { resolveLang } from '../i18n/lang.ts';
import { prepareImage } from '../media/prepare.ts';
import type { EngineHandlers } from '../messaging/engine-client.ts';
import type { Envelope } from '../messaging/spec.ts';
import { BlueskyAgents } from '../networks/bluesky/engine/agents.ts';
import { engineOf } from '../networks/engine-registry.ts';
import { installResponseCap } from '../networks/shared/response-cap.ts';
import { createDrainLoop } from '../outbox/engine/drain-loop.ts';
import { createOutboxEngineHandlers } from '../outbox/engine/handlers.ts';
import { getSettings } from '../settings-store.ts';
import { networkEnginesFor } from './network-engines.ts';
import { ENGINE_PORT } from './protocol.ts';
import { createPublisher } from './publish-job.ts';
import { dispatchEngine } from './router.ts';

/** Tells open pages and the background; nobody listening is normal. */
function announce(name: 'outbox.changed' | 'engine.idle' | 'bridge.changed' | 'archive.changed', body?: unknown): void {
  const message: Envelope = { sortie: 1, name, body };
  browser.runtime.sendMessage(message).catch(() => undefined);
}

/** Everything the handlers need, ready once the database is open. */
async function createHandlers(): Promise<EngineHandlers> {
  const db = await openSortieDb();
  const agents = new BlueskyAgents({
    getAccount: (id) => getAccount(db, id),
    putAccount: (account) => putAccount(db, account),
    markReconnect: (id) => setAccountStatus(db, id, 'reconnect'),
  });
  const engines = networkEnginesFor(db, agents);
  const online = () => navigator.onLine;

  // The import runner carries the archive reader and zip.js: loaded when an import is asked for or running.
  let runner: Promise<ImportRunner> | null = null;
  const imports = (): Promise<ImportRunner> =>
    (runner ??= import('../archive/engine/runner.ts').then(async ({ createImportRunner }) => {
      const { zipArchiveSource } = await import('../archive/engine/source.ts');
      return createImportRunner({
        db,
        now: Date.now,
        source: zipArchiveSource,
        prepareImage: (blob) => prepareImage(blob),
        deleterFor: (network) => {
          const deletePost = engineOf(engines, network).deletePost;
          return deletePost ? (account, postId) => deletePost(account, postId) : null;
        },
        videoSizeLimitFor: async (account) => engineOf(engines, account.network).videoSizeLimit?.(account),
        announce: () => announce('archive.changed'),
        requestDrain: () => drains.requestDrain(),
        lang: async () => resolveLang((await getSettings(db)).language, navigator.languages),
      });
    }));

  const drains = createDrainLoop({
    db,
    publish: createPublisher({ db, engines, now: Date.now }),
    announce,
    // Running imports put their next chains in the outbox first (none when their window is full).
    feed: async () => {
      if (runner !== null || (await importsRunning(db))) await (await imports()).feed();
    },
    onJobChange: (job) => {
      if (isImportChain(job.postId)) void imports().then((r) => r.jobChanged(job));
    },
    settle: async () => {
      if (runner !== null) await (await runner).idle();
    },
    // A follow-bridge run or a follows lookup still going keeps the engine open; each says 'idle' itself when it ends.
    busyElsewhere: () => bridge.running() || follows.running(),
    online,
  });
  addEventListener('online', () => drains.requestDrain());

  const bridge = createBridgeService({
    db,
    now: Date.now,
    lookup: (account) => engineOf(engines, account.network).lookup(account),
    announce: () => announce('bridge.changed'),
    onFinished: () => {
      if (!drains.draining() && !follows.running()) announce('engine.idle', { nextWakeAt: null, offline: !online() });
    },
  });

  const follows = createFollowResolver({
    db,
    now: Date.now,
    fetch: (input, init) => fetch(input, init),
    parse: (html, url) => parseNitterProfile(new DOMParser().parseFromString(html, 'text/html'), url),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    announce: () => announce('archive.changed'),
    onFinished: () => {
      if (!drains.draining() && !bridge.running()) announce('engine.idle', { nextWakeAt: null, offline: !online() });
    },
  });

  return {
    ...createAccountEngineHandlers({ db, engines }),
    ...createOutboxEngineHandlers({ db, now: Date.now, drains }),
    ...createBridgeEngineHandlers(bridge),
    ...createArchiveEngineHandlers(imports, follows),
    ...createBackupEngineHandlers({ db, now: Date.now }),
  };
}

export function startEngine(): void {
  // Before any client exists: masto calls the global fetch, so its answers are bounded only here.
  installResponseCap(globalThis);
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const ready = createHandlers();

  // Registered at once, so a request sent while the database opens is not lost.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== ENGINE_PORT) return;
    const sender = port.sender ?? {};
    port.onMessage.addListener((message: unknown) => {
      void ready
        .then((handlers) => dispatchEngine(handlers, message, sender, browser.runtime.id, extensionOrigin))
        .catch((error: unknown) => ({
          ok: false,
          error: { messageKey: 'error.generic', detail: error instanceof Error ? error.message : String(error) },
        }))
        .then((reply) => {
          try {
            port.postMessage(reply);
          } catch {
            // The caller went away (its worker stopped): nobody to answer.
          }
          if (!reply.ok && reply.error.messageKey === 'error.forbiddenSender') port.disconnect();
        });
    });
  });
}
