import { describe, expect, it } from 'vitest';
import { testAccount } from '../support/accounts';
import { onAccountsChanged } from '../../../lib/accounts/changes';
import { deleteAccount, putAccount, setAccountStatus } from '../../../lib/accounts/store';
import { openSortieDb } from '../../../lib/db';

/** Counts announcements heard while `act` runs (delivery is asynchronous). */
async function heard(act: () => Promise<void>): Promise<number> {
  let n = 0;
  const stop = onAccountsChanged(() => n++);
  try {
    await act();
    await new Promise((r) => setTimeout(r, 50));
    return n;
  } finally {
    stop();
  }
}

describe('every write to the accounts store is announced to open pages', () => {
  it.each([
    ['connecting', false, async () => putAccount(await openSortieDb(), testAccount('a', 'mastodon')), 1],
    ['needing reconnection', true, async () => setAccountStatus(await openSortieDb(), 'a', 'reconnect'), 1],
    [
      'the same status again: nothing changed, nothing said',
      true,
      async () => setAccountStatus(await openSortieDb(), 'a', 'ok'),
      0,
    ],
    ['removing', true, async () => deleteAccount(await openSortieDb(), 'a'), 1],
  ] as const)('%s', async (_, existing, act, times) => {
    if (existing) await putAccount(await openSortieDb(), { ...testAccount('a', 'mastodon'), status: 'ok' });
    await new Promise((r) => setTimeout(r, 20));
    expect(await heard(act)).toBe(times);
  });
});
