/**
 * The composer's draft writer: while one write runs, the versions typed
 * behind it collapse into the newest, so a page closed mid-typing loses at
 * most what the write in flight had not yet seen; other drafts' versions are
 * all kept; a failed write is reported by flush, once, unless a later version
 * of that draft was written since, and the next ones still run.
 */
import { describe, expect, it } from 'vitest';
import { emptyDraft, type Draft } from '../../lib/model/draft';
import { createDraftWriter } from '../../lib/drafts';

const version = (id: string, text: string): Draft => ({ ...emptyDraft(id, 1, ['fr']), text });

/** A store whose writes finish only when the test says so. */
function slowStore() {
  const written: string[] = [];
  const waiting: Array<() => void> = [];
  let fail = false;
  const save = (draft: Draft) =>
    new Promise<void>((resolve, reject) =>
      waiting.push(() => {
        if (fail) {
          fail = false;
          reject(new Error('disk full'));
          return;
        }
        written.push(`${draft.id}:${draft.text}`);
        resolve();
      }),
    );
  const finishOne = async () => {
    await Promise.resolve();
    waiting.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { save, written, finishOne, failNext: () => (fail = true), pending: () => waiting.length };
}

describe('createDraftWriter', () => {
  it.each<[string, string[], string[]]>([
    ['one keystroke', ['M'], ['d:M']],
    [
      'keys typed while the first write runs: the first, then only the newest',
      ['M', 'Mo', 'Mon', 'Mon ', 'Mon p'],
      ['d:M', 'd:Mon p'],
    ],
    ['emoji and RTL text as typed', ['👩🏽‍💻', '👩🏽‍💻 مرحبا'], ['d:👩🏽‍💻', 'd:👩🏽‍💻 مرحبا']],
  ])('%s', async (_, texts, expected) => {
    const store = slowStore();
    const writer = createDraftWriter(store.save);
    for (const text of texts) writer.write(version('d', text));
    const flushed = writer.flush();
    while (store.written.length < expected.length) await store.finishOne();
    await flushed;
    expect(store.written).toEqual(expected);
    expect(store.pending()).toBe(0);
  });

  it('keeps the last version of a draft left for another one', async () => {
    const store = slowStore();
    const writer = createDraftWriter(store.save);
    writer.write(version('a', 'first'));
    writer.write(version('a', 'first, edited'));
    writer.write(version('b', ''));
    writer.write(version('a', 'first, edited again'));
    const flushed = writer.flush();
    while (store.pending() > 0 || store.written.length < 3) await store.finishOne();
    await flushed;
    expect(store.written).toEqual(['a:first', 'b:', 'a:first, edited again']);
  });

  it('a failed write is reported by flush, and later versions are still written', async () => {
    const store = slowStore();
    const writer = createDraftWriter(store.save);
    store.failNext();
    writer.write(version('d', 'lost'));
    const failed = expect(writer.flush()).rejects.toThrow('disk full');
    await store.finishOne();
    await failed;
    writer.write(version('d', 'kept'));
    const flushed = writer.flush();
    await store.finishOne();
    await flushed;
    expect(store.written).toEqual(['d:kept']);
  });

  it('flush waits for versions written while it waits', async () => {
    const store = slowStore();
    const writer = createDraftWriter(store.save);
    writer.write(version('d', 'one'));
    let done = false;
    const flushed = writer.flush().then(() => (done = true));
    writer.write(version('d', 'two'));
    await store.finishOne();
    expect(done).toBe(false);
    await store.finishOne();
    await flushed;
    expect(store.written).toEqual(['d:one', 'd:two']);
  });

  it("a failure a later version of the same draft made good is not reported; another draft's still is, once", async () => {
    const store = slowStore();
    const writer = createDraftWriter(store.save);
    store.failNext();
    writer.write(version('d', 'Bonjour'));
    await store.finishOne();
    writer.write(version('d', 'Bonjour 👋 مرحبا'));
    await store.finishOne();
    await writer.flush();
    expect(store.written).toEqual(['d:Bonjour 👋 مرحبا']);

    store.failNext();
    writer.write(version('a', 'lost'));
    writer.write(version('b', 'kept'));
    const failed = expect(writer.flush()).rejects.toThrow('disk full');
    await store.finishOne();
    await store.finishOne();
    await failed;
    await writer.flush();
    expect(store.written).toEqual(['d:Bonjour 👋 مرحبا', 'b:kept']);
  });
});
