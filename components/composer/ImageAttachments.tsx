/**
 * Images: picked, pasted or dropped (on the whole composer), shown as
 * thumbnails with their alt text written in place under each one and an
 * "ALT" mark once it has one; re-encoded before they are stored.
 */
import { useRef } from 'preact/hooks';
import type { DraftImage } from '../../lib/model/draft.ts';
import { openSortieDb } from '../../lib/db.ts';
import { prepareImage } from '../../lib/media/prepare.ts';
import { useT } from '../i18n.tsx';
import { useMediaUrl } from './useMediaUrl.ts';

export const MAX_IMAGES = 4;

export async function storeImage(file: Blob): Promise<DraftImage> {
  const prepared = await prepareImage(file);
  const mediaId = crypto.randomUUID();
  const db = await openSortieDb();
  await db.put('media', { id: mediaId, blob: prepared.blob, mime: prepared.mime, createdAt: Date.now() });
  return {
    mediaId,
    alt: '',
    mime: prepared.mime,
    width: prepared.width,
    height: prepared.height,
    size: prepared.blob.size,
  };
}

/** Only images, and no more than there is room for. */
export function imageFiles(files: Iterable<File> | ArrayLike<File>, room: number): File[] {
  return Array.from(files)
    .filter((f) => f.type.startsWith('image/'))
    .slice(0, Math.max(room, 0));
}

function Thumb({ mediaId }: { mediaId: string }) {
  const url = useMediaUrl(mediaId);
  // The alt text is right under the thumbnail, labelled: the picture itself adds nothing for a screen reader.
  return <span class="thumb-frame">{url && <img src={url} alt="" />}</span>;
}

export interface ImageAttachmentsProps {
  images: DraftImage[];
  onChange: (images: DraftImage[]) => void;
  /** Files picked with the button (drops and pastes reach the composer, which hands them here too). */
  onAdd: (files: File[]) => void;
  busy: boolean;
}

export function ImageAttachments({ images, onChange, onAdd, busy }: ImageAttachmentsProps) {
  const { t } = useT();
  const full = images.length >= MAX_IMAGES;
  const picker = useRef<HTMLInputElement>(null);
  return (
    <div class="images" data-testid="images">
      <ul class="image-list">
        {images.map((img, i) => {
          const hasAlt = img.alt.trim() !== '';
          return (
            <li key={img.mediaId} class="image-card">
              <div class="thumb">
                <Thumb mediaId={img.mediaId} />
                <span class={hasAlt ? 'alt-mark' : 'alt-mark missing'} aria-hidden="true">
                  {hasAlt ? 'ALT' : '+ALT'}
                </span>
                <button
                  type="button"
                  class="remove-image"
                  aria-label={t('compose.removeImage', { n: i + 1 })}
                  title={t('compose.removeImage', { n: i + 1 })}
                  onClick={() => onChange(images.filter((x) => x.mediaId !== img.mediaId))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </div>
              <label for={`alt-${i}`} class="alt-label">
                {t('compose.altText', { n: i + 1 })}
              </label>
              <textarea
                id={`alt-${i}`}
                class="alt-text"
                rows={2}
                dir="auto"
                placeholder={t('compose.altPlaceholder')}
                aria-describedby={hasAlt ? undefined : `alt-missing-${i}`}
                value={img.alt}
                onInput={(e) =>
                  onChange(images.map((x) => (x.mediaId === img.mediaId ? { ...x, alt: e.currentTarget.value } : x)))
                }
              />
              {!hasAlt && (
                <p class="warn alt-missing" id={`alt-missing-${i}`}>
                  {t('compose.altMissing')}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {!full && (
        <div class="image-add">
          {/* The picker is this button (a file input cannot be styled); the input keeps the name for assistive tools and tests. */}
          <input
            ref={picker}
            id="image-input"
            type="file"
            accept="image/*"
            multiple
            hidden
            aria-label={t('compose.addImages', { max: MAX_IMAGES })}
            disabled={busy}
            onChange={(e) => {
              const input = e.currentTarget;
              onAdd([...(input.files ?? [])]);
              input.value = '';
            }}
          />
          <button type="button" class="image-add-button" disabled={busy} onClick={() => picker.current?.click()}>
            <span aria-hidden="true" class="image-add-plus">
              +
            </span>{' '}
            {t('compose.addImages', { max: MAX_IMAGES })}
          </button>
        </div>
      )}
      {busy && <p role="status">{t('compose.preparingImages')}</p>}
    </div>
  );
}

/** Images pasted into the text box. */
export function imagesFromClipboard(event: ClipboardEvent): Blob[] {
  return [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
}
