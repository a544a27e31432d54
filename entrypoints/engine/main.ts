/**
 * The posting engine's page (see lib/engine/protocol.ts). It listens only on
 * its own port and answers only the background (lib/engine/router.ts checks
 * the sender, the operation and its arguments); it never listens to runtime
 * messages, which content scripts can send.
 */
import { browser } from 'wxt/browser';
import { createFollowResolver } from '../../lib/archive/engine/follows.ts';
import { createImportRunner } from '../../lib/archive/engine/runner.ts';
import { parseNitterProfile } from '../../lib/archive/follows.ts';
import { zipArchiveSource } from '../../lib/archive/engine/source.ts';
import { blueskyLookup } from '../../lib/bridge/lookup-bluesky.ts';
import { mastodonLookup } from '../../lib/bridge/lookup-mastodon.ts';
import { createBridgeService } from '../../lib/bridge/runner.ts';
import { openSortieDb } from '../../lib/db.ts';
import { BlueskyAgents } from '../../lib/engine/bluesky-agents.ts';
import { createEngineHandlers } from '../../lib/engine/handlers.ts';
import { createPublisher } from '../../lib/engine/publish-job.ts';
import { ENGINE_PORT } from '../../lib/engine/protocol.ts';
import { dispatchEngine } from '../../lib/engine/router.ts';
import type { Envelope } from '../../lib/messages.ts';
import { deleteBlueskyPost } from '../../lib/networks/bluesky-delete.ts';
import { installResponseCap } from '../../lib/networks/response-cap.ts';
import { prepareImage } from '../../lib/media/prepare.ts';
import { DEFAULT_RETRY_POLICY } from '../../lib/outbox/retry.ts';
import { drainOutbox } from '../../lib/outbox/worker.ts';
import { bumpStatQuietly } from '../../lib/stats.ts';
import { resolveLang } from '../../lib/i18n/lang.ts';
import { getSettings } from '../../lib/settings-store.ts';

// Before any client exists: masto calls the global fetch, so its answers are bounded only here.
installResponseCap(globalThis);

const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

/** Everything the handlers need, ready once the database is open. */
async function start() {
  const db = await openSortieDb();
  const agents = new BlueskyAgents(db);
  const publish = createPublisher({ db, agents, now: Date.now });

  let draining: Promise<void> | null = null;
  let again = false;

  /** Tells open pages the queue changed; nobody listening is normal. */
  function announce(name: 'outbox.changed' | 'engine.idle' | 'bridge.changed' | 'archive.changed', body?: unknown): void {
    const message: Envelope = { sortie: 1, name, body };
    browser.runtime.sendMessage(message).catch(() => undefined);
  }

  async function drainLoop(): Promise<void> {
    let nextWakeAt: number | null = null;
    do {
      again = false;
      if (!navigator.onLine) {
        // Offline: attempts would only burn the retry budget. 'online' restarts us.
        nextWakeAt = Date.now() + 60_000;
        break;
      }
      // Running imports put their next chains in the outbox first (none when their window is full).
      await imports.feed().catch((error: unknown) => console.error('Sortie: could not feed an import', error));
      const result = await drainOutbox({
        db,
        now: Date.now,
        random: Math.random,
        policy: DEFAULT_RETRY_POLICY,
        publish,
        onJobChange: (job) => {
          // The dashboard counts posts, not thread parts.
          if (job.state === 'sent' && job.partIndex === 0) bumpStatQuietly(db, `posts.${job.network}`);
          imports.jobChanged(job);
          announce('outbox.changed');
        },
      });
      nextWakeAt = result.nextWakeAt;
    } while (again);
    // A follow-bridge run still going keeps the engine open; it says 'idle' itself when it ends.
    if (!bridge.running() && !follows.running()) announce('engine.idle', { nextWakeAt, offline: !navigator.onLine });
  }

  function requestDrain(): void {
    if (draining) {
      again = true;
      return;
    }
    draining = drainLoop()
      .catch((error: unknown) => console.error('Sortie: outbox drain failed', error))
      .finally(() => {
        draining = null;
      });
  }

  addEventListener('online', requestDrain);

  const bridge = createBridgeService({
    db,
    now: Date.now,
    bluesky: async (account) => blueskyLookup(await agents.get(account)),
    mastodon: (account) => {
      if (account.credentials.network !== 'mastodon') throw new Error(`${account.id} is not a Mastodon account`);
      return mastodonLookup({ origin: account.credentials.origin, accessToken: account.credentials.accessToken });
    },
    announce: () => announce('bridge.changed'),
    onFinished: () => {
      if (!draining && !follows.running()) announce('engine.idle', { nextWakeAt: null, offline: !navigator.onLine });
    },
  });

  const imports = createImportRunner({
    db,
    now: Date.now,
    source: zipArchiveSource,
    prepareImage: (blob) => prepareImage(blob),
    deleteBlueskyPost: async (account, uri) => deleteBlueskyPost(await agents.get(account), uri),
    announce: () => announce('archive.changed'),
    requestDrain,
    lang: async () => resolveLang((await getSettings(db)).language, navigator.languages),
  });

  const follows = createFollowResolver({
    db,
    now: Date.now,
    fetch: (input, init) => fetch(input, init),
    parse: (html, url) => parseNitterProfile(new DOMParser().parseFromString(html, 'text/html'), url),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    announce: () => announce('archive.changed'),
    onFinished: () => {
      if (!draining && !bridge.running()) announce('engine.idle', { nextWakeAt: null, offline: !navigator.onLine });
    },
  });

  return createEngineHandlers({ db, agents, now: Date.now, requestDrain, bridge, imports, follows });
}

const ready = start();

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
