/**
 * Reading the picked ZIP on the page: open it in place, read its data
 * files with progress, keep it open for media sizes while the page shows it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { readArchive, type ArchiveReading } from '../../lib/archive/read.ts';
import { ArchiveZipError, openArchiveZip, type ArchiveZip } from '../../lib/archive/zip.ts';

export type ReadingState =
  | { phase: 'idle' }
  | { phase: 'reading'; done: number; total: number }
  | { phase: 'failed'; code: 'not-a-zip' | 'no-tweets' | 'failed'; detail: string }
  | { phase: 'read'; file: File; zip: ArchiveZip; reading: ArchiveReading };

export function useArchiveReading(): [ReadingState, (file: File | null) => void] {
  const [state, setState] = useState<ReadingState>({ phase: 'idle' });
  const generation = useRef(0);
  const open = useRef<ArchiveZip | null>(null);

  const close = () => {
    void open.current?.close().catch(() => undefined);
    open.current = null;
  };
  useEffect(() => close, []);

  const pick = (file: File | null) => {
    const mine = ++generation.current;
    close();
    if (!file) {
      setState({ phase: 'idle' });
      return;
    }
    setState({ phase: 'reading', done: 0, total: 0 });
    void (async () => {
      let zip: ArchiveZip | null = null;
      try {
        zip = await openArchiveZip(file);
        const reading = await readArchive(zip, (p) => {
          if (generation.current === mine) setState({ phase: 'reading', done: p.done, total: p.total });
        });
        if (generation.current !== mine) {
          void zip.close();
          return;
        }
        open.current = zip;
        setState({ phase: 'read', file, zip, reading });
      } catch (error) {
        void zip?.close().catch(() => undefined);
        if (generation.current !== mine) return;
        const code =
          error instanceof ArchiveZipError && (error.code === 'not-a-zip' || error.code === 'no-tweets')
            ? error.code
            : 'failed';
        setState({ phase: 'failed', code, detail: error instanceof Error ? error.message : String(error) });
      }
    })();
  };
  return [state, pick];
}
