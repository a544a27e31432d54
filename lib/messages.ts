/**
 * Every message a page or content script may send to the background: its
 * name, who may send it, the shape of its request (checked at runtime) and
 * the type of its answer. The background refuses anything else.
 *
 * "extension": Sortie's own pages (popup, options, compose). They may touch
 *   accounts and post, but still never receive a token. (Drafts and their
 *   images are the pages' own data: they read and write them in IndexedDB
 *   directly, since Blobs do not cross runtime messaging.)
 * "any": also content scripts running in web pages. Nothing privileged.
 */
import type { PublicAccount } from './accounts/account.ts';
import { importQuery, oneImport, resolveFollows, startImport } from './archive/schemas.ts';
import type { ImportStatus, UndoReport } from './archive/status.ts';
import type { FollowsRun } from './archive/store.ts';
import type { DisconnectResult } from './accounts/disconnect.ts';
import type { BackupContents } from './backup/export.ts';
import type { ImportSummary } from './backup/import.ts';
import { MAX_BACKUP_CHARS, MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from './backup/limits.ts';
import type { PendingPost, WipeResult } from './backup/wipe.ts';
import type { BlueskyConnectResult } from './engine/protocol.ts';
import type { LinksState } from './links/state.ts';
import type { Job } from './outbox/job.ts';
import type { Settings, SettingsPatch } from './settings.ts';
import { TICKET_PATTERN } from './x/embed-protocol.ts';
import type { OverlayStrings } from './x/strings.ts';
import * as v from './validate.ts';

export type SenderKind = 'extension' | 'content';
export type Allowed = 'extension' | 'any';

interface Spec<Req, Res> {
  from: Allowed;
  request: v.Schema<Req>;
  /** Phantom: only carries the response type. */
  response?: Res;
}

const spec =
  <Res>() =>
  <Req>(from: Allowed, request: v.Schema<Req>): Spec<Req, Res> => ({ from, request });

const settingsPatch: v.Schema<SettingsPatch> = v.object({
  language: v.optional(v.oneOf('auto', 'en', 'fr')),
  theme: v.optional(v.oneOf('auto', 'light', 'dark')),
  shareTakeover: v.optional(v.boolean()),
  xOverlay: v.optional(v.boolean()),
  xPostButtonToSortie: v.optional(v.boolean()),
  threadRestUnlisted: v.optional(v.boolean()),
  onboarded: v.optional(v.boolean()),
  defaultTargets: v.optional(v.array(v.string({ max: 300 }), { max: 50 })),
  links: v.optional(
    v.object({
      redirect: v.optional(v.boolean()),
      keepXUsable: v.optional(v.boolean()),
      subFrames: v.optional(v.boolean()),
      exceptions: v.optional(v.array(v.string({ max: 500, pattern: /^\// }), { max: 200 })),
      pausedUntil: v.optional(v.nullable(v.number({ min: 0 }))),
      pinnedMirror: v.optional(v.nullable(v.string({ max: 300 }))),
      rewriteInPages: v.optional(v.boolean()),
      replaceEmbeds: v.optional(v.boolean()),
    }),
  ),
});

/** What a content script may know: no accounts, no tokens. */
export interface PageConfig {
  lang: 'en' | 'fr';
  xOverlay: boolean;
  xPostButtonToSortie: boolean;
  /** The x.com overlay's texts, already in the user's language. */
  strings: OverlayStrings;
}

/** A mirror the user adds: its origin, and path templates for a non-Nitter site. */
const newMirror = v.object({
  origin: v.string({ min: 1, max: 300 }),
  name: v.optional(v.string({ max: 100 })),
  scheme: v.oneOf('nitter', 'template'),
  templates: v.optional(
    v.object({
    home: v.optional(v.string({ max: 300 })),
    profile: v.optional(v.string({ max: 300 })),
    status: v.optional(v.string({ max: 300 })),
    search: v.optional(v.string({ max: 300 })),
    hashtag: v.optional(v.string({ max: 300 })),
    list: v.optional(v.string({ max: 300 })),
    }),
  ),
});

/** Text and link handed to the composer from a page, a share intent or a context menu. */
const composeHandoff = v.object({
  text: v.optional(v.string({ max: 50_000 })),
  url: v.optional(v.string({ max: 4_000 })),
});
export type ComposeHandoff = v.Infer<typeof composeHandoff>;

/** Follow bridge: public profile data an X page showed (a row or a profile header). */
const collectedProfile = v.object({
  handle: v.string({ min: 1, max: 50, pattern: /^[A-Za-z0-9_]+$/ }),
  displayName: v.string({ max: 200 }),
  bio: v.string({ max: 2_000 }),
  links: v.array(v.string({ max: 2_000 }), { max: 20 }),
  website: v.nullable(v.string({ max: 2_000 })),
});

/** Follow bridge: the panel's texts on x.com, already in the user's language. */
export type BridgePanelStrings = Record<'title' | 'count' | 'autoScroll' | 'stop' | 'resume' | 'done' | 'open' | 'hide', string>;

export const MESSAGES = {
  'settings.get': spec<Settings>()('extension', v.empty()),
  'settings.update': spec<Settings>()('extension', settingsPatch),
  'accounts.list': spec<PublicAccount[]>()('extension', v.empty()),
  /** Forget the account; revoke its access on the server where possible, and say when it was not. */
  'accounts.remove': spec<DisconnectResult>()('extension', v.object({ id: v.string({ max: 500 }) })),
  /** Who may reply/quote by default on posts from this account (issue 11). */
  'accounts.setDefaultInteraction': spec<null>()(
    'extension',
    v.object({
      id: v.string({ max: 500 }),
      interaction: v.object({
        reply: v.oneOf('everyone', 'following', 'followers', 'mentioned', 'nobody'),
        allowQuotes: v.boolean(),
      }),
    }),
  ),
  'accounts.connectBluesky': spec<BlueskyConnectResult>()(
    'extension',
    v.object({
      identifier: v.string({ min: 1, max: 320 }),
      password: v.string({ min: 1, max: 500 }),
      service: v.optional(v.string({ max: 500 })),
      authFactorToken: v.optional(v.string({ max: 100 })),
    }),
  ),
  'accounts.connectMastodon': spec<PublicAccount>()('extension', v.object({ server: v.string({ min: 1, max: 500 }) })),
  'accounts.connectMastodonToken': spec<PublicAccount>()(
    'extension',
    v.object({ server: v.string({ min: 1, max: 500 }), token: v.string({ min: 8, max: 500 }) }),
  ),
  /** Mentions in this text that match no account on that account's network (the composer shows them before posting). */
  'compose.unresolvedMentions': spec<string[]>()(
    'extension',
    v.object({ accountId: v.string({ max: 500 }), text: v.string({ max: 50_000 }) }),
  ),
  /** Queue the draft (already saved in IndexedDB by the composer) for its targets. */
  'outbox.enqueue': spec<{ postId: string; jobs: number }>()('extension', v.object({ draftId: v.string({ min: 1, max: 100 }) })),
  'outbox.list': spec<Job[]>()('extension', v.object({ limit: v.optional(v.number({ min: 1, max: 1000, integer: true })) })),
  'outbox.retry': spec<null>()('extension', v.object({ jobId: v.string({ max: 700 }) })),
  'outbox.cancel': spec<null>()('extension', v.object({ jobId: v.string({ max: 700 }) })),
  'outbox.edit': spec<null>()('extension', v.object({ jobId: v.string({ max: 700 }), text: v.string({ min: 1, max: 50_000 }) })),
  /** Queue view, the user's click only: send / delete a post restored from a backup and held until then. */
  'outbox.sendHeld': spec<{ jobs: number }>()('extension', v.object({ postId: v.string({ min: 1, max: 700 }) })),
  'outbox.deleteHeld': spec<{ jobs: number }>()('extension', v.object({ postId: v.string({ min: 1, max: 700 }) })),
  /** Who may reply/quote on a thread already published on Bluesky (from the queue view). */
  'outbox.updateGates': spec<null>()(
    'extension',
    v.object({
      jobId: v.string({ max: 700 }),
      interaction: v.object({
        reply: v.oneOf('everyone', 'following', 'followers', 'mentioned', 'nobody'),
        allowQuotes: v.boolean(),
      }),
    }),
  ),
  /** From the engine: a job changed (pages refresh their queue views). */
  'outbox.changed': spec<null>()('extension', v.empty()),
  /** From the engine: the outbox has nothing due; wake again at nextWakeAt. */
  'engine.idle': spec<null>()(
    'extension',
    v.object({ nextWakeAt: v.nullable(v.number({ min: 0 })), offline: v.boolean() }),
  ),
  /** Content scripts: their own configuration. */
  'page.config': spec<PageConfig>()('any', v.empty()),
  /** Content scripts and pages: open Sortie's composer with this text. */
  'compose.open': spec<{ opened: true }>()('any', composeHandoff),
  /**
   * x.com content script, about to frame the compose page: a one-time secret for the hand-off,
   * bound to its tab. Refused unless the sender is a content script on X and the overlay is on.
   */
  'overlay.ticket': spec<{ ticket: string }>()('any', v.empty()),
  /** The compose page framed on x.com: verify and consume the hand-off's secret (refused: not Sortie's overlay). */
  'overlay.redeem': spec<null>()('extension', v.object({ ticket: v.string({ min: 43, max: 43, pattern: TICKET_PATTERN }) })),
  /** Options page: the mirrors with their health, the one in use, where page links are rewritten. */
  'links.state': spec<LinksState>()('extension', v.empty()),
  /** Options page: after a host permission was granted or removed. */
  'links.refresh': spec<LinksState>()('extension', v.empty()),
  'links.addMirror': spec<LinksState>()('extension', newMirror),
  /** User mirrors only; built-in ones are turned off instead. */
  'links.removeMirror': spec<LinksState>()('extension', v.object({ id: v.string({ max: 300 }) })),
  'links.setMirrorEnabled': spec<LinksState>()('extension', v.object({ id: v.string({ max: 300 }), enabled: v.boolean() })),
  'links.checkMirrors': spec<LinksState>()('extension', v.empty()),
  /** Fallback page: check the mirrors again; where to read this X URL now (null: still none works). */
  'links.retry': spec<{ url: string | null }>()('extension', v.object({ url: v.string({ min: 1, max: 4_000 }) })),
  /** Fallback page: let this one X URL through for a minute. */
  'links.allowOnce': spec<null>()('extension', v.object({ url: v.string({ min: 1, max: 4_000 }) })),
  /** Mirror-check content script: the mirror failed the reader on this page. */
  'links.mirrorFailed': spec<null>()(
    'any',
    v.object({
      url: v.string({ min: 1, max: 4_000 }),
      reason: v.oneOf('rate-limited', 'no-sessions', 'http-error'),
      detail: v.string({ max: 300 }),
    }),
  ),
  /** Privacy page: the backup file as JSON. Tokens are in it only sealed with the passphrase, never in clear. */
  'data.export': spec<string>()(
    'extension',
    v.object({ passphrase: v.optional(v.string({ min: MIN_PASSPHRASE_LENGTH, max: MAX_PASSPHRASE_LENGTH })) }),
  ),
  /** Privacy page: what an export would carry, shown before the user saves it. */
  'data.exportContents': spec<BackupContents>()('extension', v.empty()),
  /** Privacy page: merge a backup file into what is here; nothing changes if it fails. */
  'data.import': spec<ImportSummary>()(
    'extension',
    v.object({
      json: v.string({ min: 1, max: MAX_BACKUP_CHARS }),
      passphrase: v.optional(v.string({ min: 1, max: MAX_PASSPHRASE_LENGTH })),
    }),
  ),
  /** Privacy page: the posts still waiting to be sent, shown before a wipe. */
  'data.pendingPosts': spec<PendingPost[]>()('extension', v.empty()),
  /** Privacy page: sign out on the servers (if asked), then delete everything Sortie stored. */
  'data.wipe': spec<WipeResult>()('extension', v.object({ signOut: v.boolean() })),
  /**
   * Bridge page: the user starts collecting one of their X lists. The background opens it in a
   * tab and injects the collector there, for this run only (no script on X before that).
   */
  'bridge.start': spec<{ started: boolean }>()(
    'extension',
    v.object({ list: v.oneOf('following', 'followers'), handle: v.string({ min: 1, max: 50, pattern: /^[A-Za-z0-9_]+$/ }) }),
  ),
  /**
   * The collector in the tab the user started it in: accounts the page showed. Refused from any
   * other tab or list; trimmed and capped per run by the background (lib/bridge/collect-limits.ts).
   * 'enrich' only completes accounts already collected. `full`: the run reached its limits.
   */
  'bridge.collect': spec<{ stored: number; total: number; full: boolean }>()(
    'any',
    v.object({
      source: v.string({ max: 80, pattern: /^(?:following|followers):[a-z0-9_]{1,50}$|^list:\d{1,25}$/ }),
      mode: v.oneOf('collect', 'enrich'),
      profiles: v.array(collectedProfile, { max: 100 }),
    }),
  ),
  /** x.com follow lists: the collector panel's texts. */
  'bridge.panel': spec<{ strings: BridgePanelStrings }>()('any', v.empty()),
  /** x.com follow lists: open the follow bridge page. */
  'bridge.open': spec<{ opened: true }>()('any', v.empty()),
  /** Bridge page: look the collected accounts up with these accounts (progress: 'bridge.changed' + IndexedDB). */
  'bridge.match': spec<{ started: boolean }>()(
    'extension',
    v.object({
      blueskyAccountId: v.nullable(v.string({ max: 500 })),
      mastodonAccountId: v.nullable(v.string({ max: 500 })),
      recheck: v.boolean(),
    }),
  ),
  /** Bridge page: follow these matches. */
  'bridge.follow': spec<{ started: boolean }>()(
    'extension',
    v.object({
      targets: v.array(
        v.object({ key: v.string({ max: 60 }), accountId: v.string({ max: 500 }), candidateId: v.string({ max: 500 }) }),
        { max: 20_000 },
      ),
    }),
  ),
  'bridge.stop': spec<null>()('extension', v.empty()),
  /** From the engine: a bridge run moved on (pages re-read the store). */
  'bridge.changed': spec<null>()('extension', v.empty()),
  /**
   * Import page: run an X archive import. The page has stored the picked ZIP in IndexedDB
   * (`archiveFiles`) under `importId`; the engine reads it there, plans every tweet and feeds the outbox.
   */
  'archive.start': spec<ImportStatus>()('extension', startImport),
  'archive.pause': spec<ImportStatus>()('extension', oneImport),
  'archive.resume': spec<ImportStatus>()('extension', oneImport),
  /** Ends the import: what has not started is skipped; threads already started finish. */
  'archive.stop': spec<ImportStatus>()('extension', oneImport),
  /** Where imports stand (one, or all of them newest first). Read from IndexedDB: never wakes the engine. */
  'archive.status': spec<ImportStatus[]>()('extension', importQuery),
  /** Deletes from Bluesky every post the import created; says exactly what could not be deleted. */
  'archive.undo': spec<UndoReport>()('extension', oneImport),
  /**
   * Import page: look the X accounts the archive's owner follows up on this Nitter mirror, one every
   * 2 s, into the follow bridge as if the Following page had shown them. Stoppable; resumes where it stopped.
   */
  'archive.resolveFollows': spec<FollowsRun | null>()('extension', resolveFollows),
  'archive.stopFollows': spec<null>()('extension', oneImport),
  /** From the engine: an import moved on (pages ask for its status again). */
  'archive.changed': spec<null>()('extension', v.empty()),
} satisfies Record<string, Spec<unknown, unknown>>;

export type MessageName = keyof typeof MESSAGES;
export type RequestOf<K extends MessageName> = v.Infer<(typeof MESSAGES)[K]['request']>;
export type ResponseOf<K extends MessageName> = (typeof MESSAGES)[K] extends Spec<unknown, infer Res> ? Res : never;
export type LinkMessageName = Extract<MessageName, `links.${string}`>;

/** On the wire. The `sortie` tag keeps our messages apart from the engine's channel. */
export interface Envelope {
  sortie: 1;
  name: string;
  body?: unknown;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { messageKey: string; detail: string } };

export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Envelope).sortie === 1 &&
    typeof (value as Envelope).name === 'string'
  );
}

export function isMessageName(name: string): name is MessageName {
  return Object.hasOwn(MESSAGES, name);
}

/**
 * Where a message comes from. Only our own extension's contexts can reach
 * runtime.onMessage (no externally_connectable), so the question is whether
 * it is one of our pages or a content script living in a web page.
 */
export function classifySender(
  sender: { id?: string; url?: string; origin?: string },
  extensionId: string,
  extensionOrigin: string,
): SenderKind | null {
  if (sender.id !== extensionId) return null;
  const url = sender.url ?? '';
  return url.startsWith(extensionOrigin) ? 'extension' : 'content';
}

export function mayHandle(name: MessageName, sender: SenderKind): boolean {
  return MESSAGES[name].from === 'any' || sender === 'extension';
}
