/** Drafts: autosaved on every change so nothing typed is ever lost. */
import type { Draft } from './model/draft.ts';
import type { Db } from './db.ts';

/**
 * Text a page hands to the composer (a share intent, 'compose.open') is cut
 * here, as 'compose.open' already is: any page can send one, and each opens a
 * draft. The composer says so when it cut.
 */
export const MAX_HANDOFF_CHARS = 50_000;

/**
 * Drafts nobody has touched since a handoff opened them (or empty ones) kept
 * at most: a page opening the composer again and again cannot fill the
 * database. Drafts the user edited are never pruned.
 */
export const MAX_UNTOUCHED_DRAFTS = 20;

/** A handoff's text within MAX_HANDOFF_CHARS (not splitting a surrogate pair), and whether it was cut. */
export function clampHandoff(text: string): { text: string; truncated: boolean } {
  if (text.length <= MAX_HANDOFF_CHARS) return { text, truncated: false };
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_HANDOFF_CHARS - 1)) ? MAX_HANDOFF_CHARS - 1 : MAX_HANDOFF_CHARS;
  return { text: text.slice(0, end), truncated: true };
}

const untouched = (draft: Draft): boolean => draft.updatedAt === draft.createdAt && draft.images.length === 0;

/** Deletes the oldest untouched drafts beyond `keep`; returns how many went. */
export async function pruneUntouchedDrafts(db: Db, keep = MAX_UNTOUCHED_DRAFTS): Promise<number> {
  const stale = (await listDrafts(db)).filter(untouched).slice(keep);
  for (const draft of stale) await deleteDraft(db, draft.id);
  return stale.length;
}

/** Most recently edited first. */
export async function listDrafts(db: Db): Promise<Draft[]> {
  const drafts = await db.getAllFromIndex('drafts', 'byUpdated');
  return drafts.reverse();
}

export function getDraft(db: Db, id: string): Promise<Draft | undefined> {
  return db.get('drafts', id);
}

export async function saveDraft(db: Db, draft: Draft): Promise<void> {
  await db.put('drafts', draft);
}

/** Saves drafts as they change, newest version first; see createDraftWriter. */
export interface DraftWriter {
  /** Queues this version of its draft, replacing any version of the same draft not yet written. */
  write(draft: Draft): void;
  /**
   * Resolves once every draft's latest version is written; rejects, once, when a draft's latest
   * written version failed and no later one has been written since.
   */
  flush(): Promise<void>;
}

/**
 * A writer that keeps up with typing. The page that edits a draft can close
 * at any moment (a popup loses focus), and the database aborts what is not
 * written yet: writing every keystroke's version in turn leaves a backlog
 * when the disk is slower than the keys, and the last keys are lost. So one
 * write runs at a time, and a version queued behind it is replaced by the
 * next version of the same draft; each draft's newest version is written
 * after at most the write in flight. Versions of different drafts are all
 * written (a draft left for a new one keeps its last text).
 */
export function createDraftWriter(save: (draft: Draft) => Promise<void>): DraftWriter {
  const queued = new Map<string, Draft>();
  let running: Promise<void> | null = null;
  /**
   * Each draft's failed write, until a later version of it is written: that version holds
   * everything the failed one did, so the failure no longer loses anything and is not reported.
   */
  const failures = new Map<string, unknown>();
  const drain = async (): Promise<void> => {
    while (queued.size > 0) {
      const [id, draft] = queued.entries().next().value as [string, Draft];
      queued.delete(id);
      try {
        await save(draft);
        failures.delete(id);
      } catch (error) {
        failures.set(id, error);
      }
    }
    running = null;
  };
  return {
    write(draft) {
      queued.delete(draft.id); // the newest version goes to the back, behind other drafts' older ones
      queued.set(draft.id, draft);
      running ??= drain();
    },
    async flush() {
      while (running) await running;
      const [first] = failures.entries();
      if (first) {
        failures.delete(first[0]);
        throw first[1];
      }
    },
  };
}

export async function deleteDraft(db: Db, id: string): Promise<void> {
  const tx = db.transaction(['drafts', 'media'], 'readwrite');
  const draft = await tx.objectStore('drafts').get(id);
  for (const image of draft?.images ?? []) await tx.objectStore('media').delete(image.mediaId);
  await tx.objectStore('drafts').delete(id);
  await tx.done;
}
