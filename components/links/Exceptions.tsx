/** Paths on X that are never redirected, for what people still do on X. */
import { useState } from 'preact/hooks';
import { normalizeException } from '../../lib/links/dnr.ts';
import { useT } from '../i18n.tsx';
import type { UpdateSettings } from '../useSettings.ts';

export function Exceptions({ exceptions, update }: { exceptions: string[]; update: UpdateSettings }) {
  const { t } = useT();
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);

  function add(e: Event) {
    e.preventDefault();
    const path = normalizeException(draft);
    if (path === null) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setDraft('');
    if (!exceptions.includes(path)) void update({ links: { exceptions: [...exceptions, path] } });
  }

  return (
    <form aria-labelledby="exceptions-title" onSubmit={add}>
      <h3 id="exceptions-title">{t('links.exceptions.title')}</h3>
      <p class="muted">{t('links.exceptions.hint')}</p>
      {exceptions.length > 0 && (
        <ul data-testid="exceptions">
          {exceptions.map((path) => (
            <li key={path}>
              <code>{path}</code>{' '}
              <button
                type="button"
                aria-label={t('links.exceptions.removeLabel', { path })}
                onClick={() => update({ links: { exceptions: exceptions.filter((p) => p !== path) } })}
              >
                {t('links.exceptions.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>
        <label for="exception-path">{t('links.exceptions.add')}</label>{' '}
        <input
          id="exception-path"
          placeholder="/i/bookmarks"
          value={draft}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'exception-invalid' : undefined}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />{' '}
        <button type="submit">{t('links.exceptions.addButton')}</button>
      </p>
      {invalid && (
        <p id="exception-invalid" role="alert" class="error">
          {t('links.exceptions.invalid')}
        </p>
      )}
    </form>
  );
}
