/** Images: pick, paste or drop; each with its alt text, re-encoded before it is stored. */
import { useEffect, useState } from 'preact/hooks';
import type { DraftImage } from '../../lib/model/draft.ts';
import { openSortieDb } from '../../lib/db.ts';
import { prepareImage } from '../../lib/media/prepare.ts';
import { useT } from '../i18n.tsx';

export const MAX_IMAGES = 4;

export async function storeImage(file: Blob): Promise<DraftImage> {
  const prepared = await prepareImage(file);
  const mediaId = crypto.randomUUID();
  const db = await openSortieDb();
  await db.put('media', { id: mediaId, blob: prepared.blob, mime: prepared.mime, createdAt: Date.now() });
  return { mediaId, alt: '', mime: prepared.mime, width: prepared.width, height: prepared.height, size: prepared.blob.size };
}

function Thumb({ mediaId, alt }: { mediaId: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    void openSortieDb()
      .then((db) => db.get('media', mediaId))
      .then((m) => {
        if (m) setUrl((objectUrl = URL.createObjectURL(m.blob)));
      });
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [mediaId]);
  return url ? <img src={url} alt={alt} width={96} height={96} style={{ objectFit: 'cover' }} /> : null;
}

export function ImageAttachments({ images, onChange, onError }: { images: DraftImage[]; onChange: (images: DraftImage[]) => void; onError: (message: string) => void }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);

  async function add(files: Blob[]) {
    const room = MAX_IMAGES - images.length;
    const picked = files.filter((f) => f.type.startsWith('image/')).slice(0, room);
    if (picked.length === 0) return;
    setBusy(true);
    try {
      const added: DraftImage[] = [];
      for (const file of picked) added.push(await storeImage(file));
      onChange([...images, ...added]);
    } catch (error) {
      onError(t('compose.imageFailed', { detail: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      class="images"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void add([...(e.dataTransfer?.files ?? [])]);
      }}
      data-testid="images"
    >
      <label for="image-input">{t('compose.addImages', { max: MAX_IMAGES })}</label>{' '}
      <input id="image-input" type="file" accept="image/*" multiple disabled={busy || images.length >= MAX_IMAGES} onChange={(e) => void add([...(e.currentTarget.files ?? [])]).then(() => ((e.target as HTMLInputElement).value = ''))} />
      {busy && <span role="status"> {t('compose.preparingImages')}</span>}
      <ul class="image-list">
        {images.map((img, i) => (
          <li key={img.mediaId}>
            <Thumb mediaId={img.mediaId} alt={img.alt} />
            <label for={`alt-${i}`}>{t('compose.altText', { n: i + 1 })}</label>
            <textarea id={`alt-${i}`} rows={2} value={img.alt} onInput={(e) => onChange(images.map((x) => (x.mediaId === img.mediaId ? { ...x, alt: e.currentTarget.value } : x)))} />
            {!img.alt.trim() && <p class="warn">{t('compose.altMissing')}</p>}
            <button type="button" onClick={() => onChange(images.filter((x) => x.mediaId !== img.mediaId))}>
              {t('compose.removeImage', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Images pasted into the text box. */
export function imagesFromClipboard(event: ClipboardEvent): Blob[] {
  return [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
}
