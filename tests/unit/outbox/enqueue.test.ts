import { describe, expect, it } from 'vitest';
import { testAccount } from '../support/accounts';
import { putAccount } from '../../../lib/accounts/store';
import { emptyDraft, type Draft } from '../../../lib/model/draft';
import { openSortieDb } from '../../../lib/db';
import { enqueueDraft } from '../../../lib/outbox/enqueue';
import { jobsOfPost } from '../../../lib/outbox/store';

const account = testAccount;

async function setUp(draft: Partial<Draft>) {
  const db = await openSortieDb();
  await putAccount(db, account('m', 'mastodon'));
  await putAccount(db, account('b', 'bluesky'));
  await db.put('drafts', { ...emptyDraft('d1', 1_000), targets: ['m', 'b'], ...draft });
  return db;
}

describe('enqueueDraft', () => {
  it('plans each account\u2019s parts (a long text: more Bluesky parts than Mastodon ones), stores them and retires the draft', async () => {
    const db = await setUp({ text: 'Nous demandons des comptes et des actes, pas des promesses. '.repeat(8).trim() });
    const queued = await enqueueDraft(db, 'd1', 5_000);
    const jobs = await jobsOfPost(db, queued.postId);
    const parts = (network: string) => jobs.filter((j) => j.network === network).length;
    expect(parts('mastodon')).toBe(1);
    expect(parts('bluesky')).toBe(2);
    expect(queued).toMatchObject({ jobs: 3, dueAt: 5_000 });
    // Each job carries its idempotency key from now on: a Bluesky record key is a TID.
    expect(jobs.find((j) => j.network === 'bluesky')?.idempotencyKey).toMatch(/^[234567a-z]{13}$/);
    expect(await db.get('drafts', 'd1')).toBeUndefined();
  });

  it('a post sent in a minute waits in Sortie: due at its time', async () => {
    const db = await setUp({ text: 'Plus tard', scheduledAt: new Date(65_000).toISOString() });
    expect((await enqueueDraft(db, 'd1', 5_000)).dueAt).toBe(65_000);
  });

  it.each([
    ['an empty post', { text: '  ' }, 'error.emptyPost'],
    ['no account', { text: 'hi', targets: ['gone'] }, 'error.noTargets'],
    ['a post too long for the network', { text: 'x'.repeat(600), numbering: false }, null],
  ] as const)('refuses %s and keeps the draft', async (_, draft, key) => {
    const db = await setUp(draft as Partial<Draft>);
    const failure = await enqueueDraft(db, 'd1', 5_000).then(
      () => null,
      (error: { messageKey?: string }) => error,
    );
    if (key === null) {
      // Long text is split rather than refused: the draft goes out as a thread.
      expect(failure).toBeNull();
      return;
    }
    expect(failure?.messageKey).toBe(key);
    expect(await db.get('drafts', 'd1')).toBeDefined();
  });

  it('queues what the composer counted: a text only in the Bluesky override, trimmed as counted', async () => {
    const db = await setUp({ text: '', overrides: { bluesky: '  Seulement ici  \n' }, targets: ['b'] });
    const queued = await enqueueDraft(db, 'd1', 5_000);
    const jobs = await jobsOfPost(db, queued.postId);
    expect(jobs.map((j) => j.text)).toEqual(['Seulement ici']);
  });

  it('refuses a draft that is not there', async () => {
    const db = await openSortieDb();
    await expect(enqueueDraft(db, 'nope')).rejects.toMatchObject({ messageKey: 'error.draftNotFound' });
  });
});
