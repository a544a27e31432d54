/** An object URL for a draft image stored in IndexedDB, revoked when the component lets go of it. */
import { useEffect, useState } from 'preact/hooks';
import { openSortieDb } from '../../lib/db.ts';

export function useMediaUrl(mediaId: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let alive = true;
    void openSortieDb()
      .then((db) => db.get('media', mediaId))
      .then((m) => {
        if (m && alive) setUrl((objectUrl = URL.createObjectURL(m.blob)));
      });
    return () => {
      alive = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [mediaId]);
  return url;
}
