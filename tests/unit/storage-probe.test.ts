import { describe, expect, it, vi } from 'vitest';
import { probeStorage } from '../../components/storage';
import { closeSortieDb, openSortieDb } from '../../lib/db';

describe('probeStorage: a page refused storage says so instead of waiting forever', () => {
  it('ok when the database opens', async () => {
    expect(await probeStorage(openSortieDb)).toBe('ok');
    await closeSortieDb();
  });

  it.each([
    [
      'a SecurityError (third-party storage blocked)',
      () => Promise.reject(new DOMException('The user denied permission to access the database.', 'SecurityError')),
    ],
    [
      'indexedDB missing altogether',
      () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'open')")),
    ],
  ])('denied on %s, without an unhandled rejection', async (_name, open) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await probeStorage(open)).toBe('denied');
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('denied when the real database cannot be opened in this context', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const real = globalThis.indexedDB;
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    try {
      expect(await probeStorage(openSortieDb)).toBe('denied');
    } finally {
      vi.stubGlobal('indexedDB', real);
      warn.mockRestore();
    }
  });
});
