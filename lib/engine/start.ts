/**
 * The posting engine's start (see lib/engine/protocol.ts). It listens only on
 * its own port and answers only the background (lib/engine/router.ts checks
 * the sender, the operation and its arguments); it never listens to runtime
 * messages, which content scripts can send.
 */
import { browser } from 'wxt/browser';
import { createAccountEngineHandlers } from '../accounts/engine/handlers.ts';
import { createBridgeEngineHandlers } from '../bridge/engine/handlers.ts';
import { createBridgeService } from '../bridge/engine/runner.ts';
import { getAccount, putAccount, setAccountStatus } from '../accounts/store.ts';
import { openSortieDb } from '../db.ts';
import type { EngineHandlers } from '../messaging/engine-client.ts';
import type { Envelope } from '../messaging/spec.ts';
import { BlueskyAgents } from '../networks/bluesky/engine/agents.ts';
import { engineOf } from '../networks/engine-registry.ts';
import { installResponseCap } from '../networks/shared/response-cap.ts';
import { createDrainLoop } from '../outbox/engine/drain-loop.ts';
import { createOutboxEngineHandlers } from '../outbox/engine/handlers.ts';
import { networkEnginesFor } from './network-engines.ts';
import { ENGINE_PORT } from './protocol.ts';
import { createPublisher } from './publish-job.ts';
import { dispatchEngine } from './router.ts';

/** Tells open pages and the background; nobody listening is normal. */
function announce(name: 'outbox.changed' | 'engine.idle' | 'bridge.changed', body?: unknown): void {
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

  const drains = createDrainLoop({
    db,
    publish: createPublisher({ db, engines, now: Date.now }),
    announce,
    // A follow-bridge run still going keeps the engine open; it says 'idle' itself when it ends.
    busyElsewhere: () => bridge.running(),
    online,
  });
  addEventListener('online', () => drains.requestDrain());

  const bridge = createBridgeService({
    db,
    now: Date.now,
    lookup: (account) => engineOf(engines, account.network).lookup(account),
    announce: () => announce('bridge.changed'),
    onFinished: () => {
      if (!drains.draining()) announce('engine.idle', { nextWakeAt: null, offline: !online() });
    },
  });

  return {
    ...createAccountEngineHandlers({ db, blueskySessions: agents, engines }),
    ...createOutboxEngineHandlers({ db, now: Date.now, drains }),
    ...createBridgeEngineHandlers(bridge),
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
        .catch((error: unknown) => ({ ok: false, error: { messageKey: 'error.generic', detail: error instanceof Error ? error.message : String(error) } }))
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
