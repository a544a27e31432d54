/**
 * Whether this page may use Sortie's database. A page framed on another
 * site (the x.com overlay) can be refused storage by the browser (third-party
 * data blocked for that site): the composer would then wait for its draft
 * forever, so the page asks first and says so instead.
 */
import { useEffect, useState } from 'preact/hooks';
import { openSortieDb } from '../lib/db.ts';

export type StorageState = 'checking' | 'ok' | 'denied';

export async function probeStorage(open: () => Promise<unknown>): Promise<Exclude<StorageState, 'checking'>> {
  try {
    await open();
    return 'ok';
  } catch (error) {
    console.warn('Sortie: this page may not use its storage', error);
    return 'denied';
  }
}

export function useStorageState(open: () => Promise<unknown> = openSortieDb): StorageState {
  const [state, setState] = useState<StorageState>('checking');
  useEffect(() => {
    void probeStorage(open).then(setState);
  }, [open]);
  return state;
}
