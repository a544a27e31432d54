/**
 * Add your own mirror (a self-hosted Nitter, one on localhost, or any site
 * with URL templates). Sortie asks for access to its origin on this click,
 * to check its health; redirecting to it works without.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { normalizeOrigin } from '../../lib/links/mirrors.ts';
import { send } from '../../lib/messaging/client.ts';
import { useT } from '../i18n.tsx';

const TEMPLATE_KINDS = ['profile', 'status', 'search'] as const;

export function AddMirror({ run }: { run: (work: () => Promise<unknown>) => Promise<void> }) {
  const { t } = useT();
  const [origin, setOrigin] = useState('');
  const [name, setName] = useState('');
  const [scheme, setScheme] = useState<'nitter' | 'template'>('nitter');
  const [templates, setTemplates] = useState<Record<string, string>>({});

  function submit(e: Event) {
    e.preventDefault();
    const normalized = normalizeOrigin(origin);
    if (normalized !== null) {
      // Asked while the click still counts as a gesture; the answer only decides health checks.
      browser.permissions
        .request({ origins: [`${normalized}/*`] })
        .then(() => send('links.refresh'))
        .catch((error: unknown) => console.warn('Sortie: permission request failed', error));
    }
    const filled = Object.fromEntries(Object.entries(templates).filter(([, v]) => v.trim() !== ''));
    void run(async () => {
      const state = await send('links.addMirror', {
        origin: origin.trim(),
        ...(name.trim() === '' ? {} : { name: name.trim() }),
        scheme,
        ...(scheme === 'template' ? { templates: filled } : {}),
      });
      setOrigin('');
      setName('');
      setTemplates({});
      return state;
    });
  }

  return (
    <form class="add-mirror" aria-labelledby="add-mirror-title" onSubmit={submit}>
      <h3 id="add-mirror-title">{t('links.add.title')}</h3>
      <p>
        <label for="mirror-origin">{t('links.add.origin')}</label>{' '}
        <input
          id="mirror-origin"
          required
          placeholder="https://nitter.example"
          value={origin}
          onInput={(e) => setOrigin(e.currentTarget.value)}
        />{' '}
        <label for="mirror-name">{t('links.add.name')}</label>{' '}
        <input id="mirror-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </p>
      <p>
        <label for="mirror-scheme">{t('links.add.scheme')}</label>{' '}
        <select
          id="mirror-scheme"
          value={scheme}
          onChange={(e) => setScheme(e.currentTarget.value as 'nitter' | 'template')}
        >
          <option value="nitter">{t('links.add.scheme.nitter')}</option>
          <option value="template">{t('links.add.scheme.template')}</option>
        </select>
      </p>
      {scheme === 'template' && (
        <p>
          {TEMPLATE_KINDS.map((kind) => (
            <span key={kind}>
              <label for={`mirror-template-${kind}`}>{t(`links.add.template.${kind}`)}</label>{' '}
              <input
                id={`mirror-template-${kind}`}
                placeholder={
                  kind === 'profile' ? '/{user}' : kind === 'status' ? '/{user}/status/{id}' : '/search?q={q}'
                }
                value={templates[kind] ?? ''}
                onInput={(e) => setTemplates({ ...templates, [kind]: e.currentTarget.value })}
              />{' '}
            </span>
          ))}
        </p>
      )}
      <p>
        <button type="submit">{t('links.add.submit')}</button> <small class="muted">{t('links.add.hint')}</small>
      </p>
    </form>
  );
}
