/**
 * Any page can open the composer with text (a share intent, 'compose.open'),
 * and each opening makes a draft: the text is cut at MAX_HANDOFF_CHARS and
 * untouched drafts stay at most MAX_UNTOUCHED_DRAFTS. Edited drafts are the
 * user's and are never pruned.
 */
import { describe, expect, it } from 'vitest';
import { emptyDraft, type Draft } from '../../lib/model/draft';
import { openSortieDb } from '../../lib/db';
import {
  clampHandoff,
  listDrafts,
  MAX_HANDOFF_CHARS,
  MAX_UNTOUCHED_DRAFTS,
  pruneUntouchedDrafts,
  saveDraft,
} from '../../lib/drafts';

describe('clampHandoff', () => {
  it.each<[string, string, string, boolean]>([
    ['short text', 'hello', 'hello', false],
    ['exactly the cap', 'a'.repeat(MAX_HANDOFF_CHARS), 'a'.repeat(MAX_HANDOFF_CHARS), false],
    ['one over', 'a'.repeat(MAX_HANDOFF_CHARS + 1), 'a'.repeat(MAX_HANDOFF_CHARS), true],
    ['a 2 MB intent', 'b'.repeat(2_000_000), 'b'.repeat(MAX_HANDOFF_CHARS), true],
    ['an emoji across the cut', `${'a'.repeat(MAX_HANDOFF_CHARS - 1)}😀tail`, 'a'.repeat(MAX_HANDOFF_CHARS - 1), true],
  ])('%s', (_what, input, text, truncated) => {
    expect(clampHandoff(input)).toEqual({ text, truncated });
  });
});

const draft = (id: string, at: number, edited = false): Draft => ({
  ...emptyDraft(id, at, ['en']),
  text: `from a page ${id}`,
  ...(edited ? { updatedAt: at + 1 } : {}),
});

describe('pruneUntouchedDrafts', () => {
  it('keeps the newest untouched drafts and every edited one, whatever a page sends', async () => {
    const db = await openSortieDb();
    for (let i = 0; i < 5; i += 1) await saveDraft(db, draft(`mine-${i}`, i * 10, true));
    // A page opens the composer 200 times.
    for (let i = 0; i < 200; i += 1) {
      await saveDraft(db, draft(`page-${i}`, 1_000 + i));
      await pruneUntouchedDrafts(db);
    }
    const ids = (await listDrafts(db)).map((d) => d.id);
    expect(ids.filter((id) => id.startsWith('page-'))).toEqual(
      Array.from({ length: MAX_UNTOUCHED_DRAFTS }, (_, i) => `page-${199 - i}`),
    );
    expect(ids.filter((id) => id.startsWith('mine-')).sort()).toEqual([
      'mine-0',
      'mine-1',
      'mine-2',
      'mine-3',
      'mine-4',
    ]);
    expect(ids).toHaveLength(MAX_UNTOUCHED_DRAFTS + 5);
  });

  it('keeps an untouched draft holding images (they were added by hand)', async () => {
    const db = await openSortieDb();
    await saveDraft(db, {
      ...draft('with-image', 1),
      images: [{ mediaId: 'm1', alt: '', mime: 'image/png', width: 1, height: 1, size: 1 }] as Draft['images'],
    });
    for (let i = 0; i < MAX_UNTOUCHED_DRAFTS + 3; i += 1) await saveDraft(db, draft(`page-${i}`, 100 + i));
    expect(await pruneUntouchedDrafts(db)).toBe(3);
    expect((await listDrafts(db)).some((d) => d.id === 'with-image')).toBe(true);
  });
});
