/**
 * The saved drafts, most recently edited first: open one, delete one, or
 * start a new one (the current draft stays saved). Empty drafts other than
 * the current one are not listed: they hold nothing worth going back to.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Draft } from '../../lib/model/draft.ts';
import { openSortieDb } from '../../lib/db.ts';
import { deleteDraft, listDrafts } from '../../lib/drafts.ts';
import { useT } from '../i18n.tsx';

const EXCERPT = 60;

function excerpt(draft: Draft, untitled: string): string {
  const text = draft.text.replace(/\s+/g, ' ').trim();
  if (text === '') return untitled;
  const chars = [...text];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('')}…` : text;
}

export function isEmpty(draft: Draft): boolean {
  return draft.text.trim() === '' && draft.images.length === 0;
}

export interface DraftsListProps {
  current: Draft;
  /** Waits for the composer's last save, so a deleted draft is not saved back. */
  flush: () => Promise<void>;
  onOpen: (id: string) => void;
  onNew: () => void;
  /** The current draft was deleted: the composer starts a new one. */
  onDeletedCurrent: () => void;
}

export function DraftsList({ current, flush, onOpen, onNew, onDeletedCurrent }: DraftsListProps) {
  const { t, lang } = useT();
  const [saved, setSaved] = useState<Draft[]>([]);
  const [version, setVersion] = useState(0);

  // Reloaded when another draft becomes current (opened, new, posted) or one is deleted.
  useEffect(() => {
    let alive = true;
    void openSortieDb()
      .then(listDrafts)
      .then((all) => {
        if (alive) setSaved(all);
      });
    return () => {
      alive = false;
    };
  }, [current.id, version]);

  // The current draft is shown as edited now, not as last saved.
  const drafts = [current, ...saved.filter((d) => d.id !== current.id && !isEmpty(d))].sort(
    (a, b) => b.updatedAt - a.updatedAt,
  );
  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' });

  async function remove(draft: Draft) {
    if (draft.id === current.id) await flush();
    await deleteDraft(await openSortieDb(), draft.id);
    if (draft.id === current.id) onDeletedCurrent();
    setVersion((v) => v + 1);
  }

  return (
    <section class="drafts" aria-labelledby="drafts-title" data-testid="drafts">
      <h2 id="drafts-title">{t('compose.drafts')}</h2>
      <button type="button" onClick={onNew} disabled={isEmpty(current)}>
        {t('compose.drafts.new')}
      </button>
      <ul>
        {drafts.map((d) => {
          const label = excerpt(d, t('compose.drafts.untitled'));
          const isCurrent = d.id === current.id;
          return (
            <li key={d.id} aria-current={isCurrent ? 'true' : undefined}>
              <span class="draft-text">{label}</span>{' '}
              <time class="muted" dateTime={new Date(d.updatedAt).toISOString()}>
                {time.format(d.updatedAt)}
              </time>{' '}
              {isCurrent ? (
                <em class="muted">{t('compose.drafts.current')}</em>
              ) : (
                <button
                  type="button"
                  aria-label={t('compose.drafts.openLabel', { excerpt: label })}
                  onClick={() => onOpen(d.id)}
                >
                  {t('compose.drafts.open')}
                </button>
              )}{' '}
              <button
                type="button"
                aria-label={t('compose.drafts.deleteLabel', { excerpt: label })}
                onClick={() => void remove(d)}
              >
                {t('compose.drafts.delete')}
              </button>
            </li>
          );
        })}
      </ul>
      {drafts.length === 1 && <p class="muted">{t('compose.drafts.none')}</p>}
    </section>
  );
}
