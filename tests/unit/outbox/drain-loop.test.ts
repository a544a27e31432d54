import { describe, expect, it } from 'vitest';
import { openSortieDb } from '../../../lib/db';
import { emptyDraft } from '../../../lib/model/draft';
import { createDrainLoop } from '../../../lib/outbox/engine/drain-loop';
import { createJobs } from '../../../lib/outbox/plan';
import { addJobs } from '../../../lib/outbox/store';
import { testAccount } from '../support/accounts';

async function oneJob() {
  const db = await openSortieDb();
  await db.put('accounts', testAccount('M', 'mastodon'));
  let k = 0;
  await addJobs(
    db,
    createJobs({
      postId: 'p',
      draft: emptyDraft('d', 0),
      targets: [{ accountId: 'M', network: 'mastodon', parts: ['hello'] }],
      now: 0,
      newKey: () => `key${++k}`,
      threadRestUnlisted: false,
    }),
  );
  return db;
}

describe('the drain loop', () => {
  it("says 'engine.idle' only once the bookkeeping its job changes started is done (the background closes the engine on it)", async () => {
    const db = await oneJob();
    const events: string[] = [];
    let finishBookkeeping = (): void => {};
    const bookkeeping = new Promise<void>((resolve) => (finishBookkeeping = resolve));
    let idle!: () => void;
    const announcedIdle = new Promise<void>((resolve) => (idle = resolve));
    const loop = createDrainLoop({
      db,
      publish: async () => ({ id: 's1', url: 'https://example/s1' }),
      announce: (name) => {
        events.push(name);
        if (name === 'engine.idle') idle();
      },
      onJobChange: (job) => {
        if (job.state === 'sent') void bookkeeping.then(() => events.push('bookkept'));
      },
      settle: () => bookkeeping.then(() => undefined),
      busyElsewhere: () => false,
      online: () => true,
    });
    loop.requestDrain();
    await new Promise((r) => setTimeout(r, 50));
    expect(events).not.toContain('engine.idle');
    finishBookkeeping();
    await announcedIdle;
    expect(events.indexOf('bookkept')).toBeLessThan(events.indexOf('engine.idle'));
  });

  it('goes round again when settling asked for another drain (an import fed its next chains)', async () => {
    const db = await oneJob();
    let rounds = 0;
    let idle!: () => void;
    const announcedIdle = new Promise<void>((resolve) => (idle = resolve));
    const loop = createDrainLoop({
      db,
      publish: async () => ({ id: 's1', url: 'https://example/s1' }),
      announce: (name) => {
        if (name === 'engine.idle') idle();
      },
      feed: async () => {
        rounds++;
      },
      settle: async () => {
        if (rounds === 1) loop.requestDrain();
      },
      busyElsewhere: () => false,
      online: () => true,
    });
    loop.requestDrain();
    await announcedIdle;
    expect(rounds).toBe(2);
  });
});
