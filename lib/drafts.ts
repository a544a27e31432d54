/** Drafts: autosaved on every change so nothing typed is ever lost. */
import type { Draft } from './compose/draft.ts';
import type { Db } from './db.ts';

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
