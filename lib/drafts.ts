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

export async function deleteDraft(db: Db, id: string): Promise<void> {
  const tx = db.transaction(['drafts', 'media'], 'readwrite');
  const draft = await tx.objectStore('drafts').get(id);
  for (const image of draft?.images ?? []) await tx.objectStore('media').delete(image.mediaId);
  await tx.objectStore('drafts').delete(id);
  await tx.done;
}
