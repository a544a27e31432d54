/**
 * The privacy page (options.html#privacy): every kind of host Sortie talks to
 * and why, what it stores where and for how long, then export, import and
 * delete-everything. Text in lib/i18n (privacy.*), English and French.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { useT } from '../i18n.tsx';
import { ExportForm } from './ExportForm.tsx';
import { ImportForm } from './ImportForm.tsx';
import { WipeSection } from './WipeSection.tsx';

export const PRIVACY_HASH = '#privacy';

const HOSTS: MessageKey[] = [
  'privacy.hosts.mastodon',
  'privacy.hosts.bluesky',
  'privacy.hosts.linkCards',
  'privacy.hosts.mirrors',
  'privacy.hosts.nothingElse',
];
const STORED: MessageKey[] = ['privacy.stored.indexedDb', 'privacy.stored.local', 'privacy.stored.sync'];
const KEPT: MessageKey[] = [
  'privacy.kept.accounts',
  'privacy.kept.drafts',
  'privacy.kept.history',
  'privacy.kept.mirrors',
];

export function PrivacyPanel({ onDataChanged }: { onDataChanged: () => void }) {
  const { t } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // Bumped by an import or a wipe, so the export's list of contents is counted again.
  const [changes, setChanges] = useState(0);
  const changed = () => {
    setChanges((n) => n + 1);
    onDataChanged();
  };

  // The section renders after the page loads, so the browser's own jump to #privacy has nothing to land on.
  useEffect(() => {
    const jump = () => {
      if (location.hash !== PRIVACY_HASH) return;
      heading.current?.scrollIntoView();
      heading.current?.focus();
    };
    jump();
    addEventListener('hashchange', jump);
    return () => removeEventListener('hashchange', jump);
  }, []);

  const list = (keys: MessageKey[]) => (
    <ul>
      {keys.map((key) => (
        <li key={key}>{t(key)}</li>
      ))}
    </ul>
  );
  return (
    <section id="privacy" class="privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title" ref={heading} tabIndex={-1}>
        {t('privacy.title')}
      </h2>
      <p>{t('privacy.intro')}</p>
      <h3>{t('privacy.hosts.title')}</h3>
      {list(HOSTS)}
      <h3>{t('privacy.stored.title')}</h3>
      {list(STORED)}
      <h3>{t('privacy.kept.title')}</h3>
      {list(KEPT)}
      <ExportForm changes={changes} />
      <ImportForm onImported={changed} />
      <WipeSection onWiped={changed} />
    </section>
  );
}
