/**
 * What the background answers. Each handler is a thin call into the module
 * that owns the work; the router has already checked sender and shape.
 */
import { browser } from 'wxt/browser';
import { toPublicAccount } from '../accounts/account.ts';
import { connectMastodon, connectMastodonWithToken, type ConnectDeps } from '../accounts/mastodon-connect.ts';
import { MastodonConnectError } from '../accounts/mastodon-connect-error.ts';
import { getAccount, listAccounts, putAccount } from '../accounts/store.ts';
import { createArchiveHandlers } from '../archive/background/handlers.ts';
import { createDataHandlers } from '../backup/handlers.ts';
import { createBridgeHandlers } from '../bridge/handlers.ts';
import type { Db } from '../db.ts';
import { callEngine, closeEngineWhenUnused, engineWentIdle } from '../engine/host.ts';
import { SortieError } from '../messaging/errors.ts';
import type { Handlers } from '../messaging/router.ts';
import { getJob, putJob, recentJobs } from '../outbox/store.ts';
import { getSettings, updateSettings } from '../settings-store.ts';
import { isXUrl } from '../x/embed-protocol.ts';
import { composeUrl } from './compose-url.ts';
import type { LinksControl } from './links-control.ts';
import { linkHandlers } from './links-handlers.ts';
import { cancelJobAndRest, deleteHeldPost, editJob, kickOutbox, onEngineIdle, retryJob, sendHeldPost, wakeFor } from './outbox-control.ts';
import { createTicketBook } from './overlay-tickets.ts';
import { pageConfigFrom } from './page-config.ts';

export interface BackgroundDeps {
  db: () => Promise<Db>;
  /** Called after settings change, to retarget rules and page config. */
  onSettingsChanged: () => Promise<void>;
  /** The links feature (mirrors, rules, page scripts). */
  links: LinksControl;
}

async function connectDeps(db: Db): Promise<ConnectDeps> {
  return {
    db,
    fetch: (input, init) => fetch(input, init),
    launchWebAuthFlow: async (url) => {
      const redirect = await browser.identity.launchWebAuthFlow({ url, interactive: true });
      if (!redirect) throw new Error('the sign-in window closed without an answer');
      return redirect;
    },
    redirectUri: browser.identity.getRedirectURL('mastodon'),
    now: Date.now,
    randomState: () => crypto.randomUUID(),
  };
}

/** Connection errors carry their own i18n key: pass it on as a user-facing error. */
async function asUserError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof MastodonConnectError) throw new SortieError(error.messageKey, error.detail);
    throw error;
  }
}

export function createHandlers({ db, onSettingsChanged, links }: BackgroundDeps): Handlers {
  /** The x.com overlay's hand-off secrets (lib/background/overlay-tickets.ts). */
  const tickets = createTicketBook();
  return {
    'settings.get': async () => getSettings(await db()),
    'settings.update': async (patch) => {
      const settings = await updateSettings(await db(), patch);
      await onSettingsChanged();
      return settings;
    },
    'accounts.list': async () => (await listAccounts(await db())).map(toPublicAccount),
    'accounts.remove': async ({ id }) => callEngine('account.disconnect', { id }),
    'accounts.setDefaultInteraction': async ({ id, interaction }) => {
      const database = await db();
      const account = await getAccount(database, id);
      if (!account) throw new SortieError('error.accountGone', id);
      await putAccount(database, { ...account, defaultInteraction: interaction });
      return null;
    },
    'accounts.connectBluesky': async (args) => callEngine('bluesky.login', args),
    'accounts.connectMastodon': async ({ server }) =>
      toPublicAccount(await asUserError(connectMastodon(await connectDeps(await db()), server))),
    'accounts.connectMastodonToken': async ({ server, token }) =>
      toPublicAccount(await asUserError(connectMastodonWithToken(await connectDeps(await db()), server, token))),
    'compose.unresolvedMentions': async (args) => {
      const account = await getAccount(await db(), args.accountId);
      if (!account) return [];
      return callEngine(account.network === 'mastodon' ? 'mastodon.unresolvedMentions' : 'bluesky.unresolvedMentions', args);
    },
    'outbox.enqueue': async ({ draftId }) => {
      // Planned and stored by the engine (lib/outbox/enqueue.ts), which posts them next.
      const { postId, jobs, dueAt } = await callEngine('outbox.enqueue', { draftId });
      await wakeFor(dueAt);
      // Due later: no drain now (each would read the whole queue); the engine opened to plan goes after a quiet moment.
      if (dueAt > Date.now()) closeEngineWhenUnused();
      return { postId, jobs };
    },
    'outbox.list': async ({ limit }) => recentJobs(await db(), limit ?? 200),
    'outbox.retry': async ({ jobId }) => {
      await retryJob(await db(), jobId);
      return null;
    },
    'outbox.cancel': async ({ jobId }) => {
      await cancelJobAndRest(await db(), jobId);
      return null;
    },
    'outbox.edit': async ({ jobId, text }) => {
      await editJob(await db(), jobId, text);
      return null;
    },
    'outbox.sendHeld': async ({ postId }) => ({ jobs: await sendHeldPost(await db(), postId) }),
    'outbox.deleteHeld': async ({ postId }) => ({ jobs: await deleteHeldPost(await db(), postId) }),
    'outbox.updateGates': async ({ jobId, interaction }) => {
      const job = await getJob(await db(), jobId);
      if (!job || job.network !== 'bluesky' || job.state !== 'sent' || !job.result || job.partIndex !== 0) {
        throw new SortieError('error.gatesNotEditable', jobId);
      }
      await callEngine('bluesky.updateGates', { accountId: job.accountId, postUri: job.result.id, interaction });
      await putJob(await db(), { ...job, interaction, updatedAt: Date.now() });
      return null;
    },
    'outbox.changed': () => null,
    'engine.idle': async ({ nextWakeAt, offline }) => {
      engineWentIdle();
      await onEngineIdle(await db(), nextWakeAt, offline);
      return null;
    },
    'page.config': async () => pageConfigFrom(await getSettings(await db()), navigator.languages),
    'compose.open': async (handoff) => {
      await browser.tabs.create({ url: composeUrl(browser.runtime.getURL('/compose.html'), handoff) });
      return { opened: true };
    },
    'overlay.ticket': async (_, { sender, tabId, url }) => {
      // Only the x.com content script frames the composer; extension pages have no use for a secret.
      if (sender !== 'content' || tabId === undefined || !isXUrl(url)) throw new SortieError('error.forbiddenSender', 'overlay.ticket');
      if (!(await getSettings(await db())).xOverlay) throw new SortieError('error.forbiddenSender', 'the x.com overlay is off');
      return { ticket: tickets.issue(tabId) };
    },
    'overlay.redeem': async ({ ticket }, { tabId }) => {
      // Consumed first, whatever follows: a secret is never presented twice.
      const valid = tabId !== undefined && tickets.redeem(ticket, tabId);
      if (!(await getSettings(await db())).xOverlay) throw new SortieError('error.forbiddenSender', 'the x.com overlay is off');
      if (!valid) throw new SortieError('error.forbiddenSender', 'not Sortie\'s overlay');
      return null;
    },
    ...linkHandlers({ db, links, grantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [] }),
    ...createBridgeHandlers({ db }),
    ...createArchiveHandlers({
      db,
      kickOutbox,
      engine: {
        start: (args) => callEngine('archive.start', args),
        control: (op, importId) => callEngine(`archive.${op}`, { importId }),
        undo: (importId) => callEngine('archive.undo', { importId }),
        resolveFollows: (importId, mirror) => callEngine('archive.resolveFollows', { importId, mirror }),
        stopFollows: (importId) => callEngine('archive.stopFollows', { importId }),
      },
    }),
    ...createDataHandlers({
      db,
      afterImport: async (database) => {
        await onSettingsChanged();
        await kickOutbox(database);
      },
    }),
  };
}
