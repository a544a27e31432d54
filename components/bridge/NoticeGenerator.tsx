/** The "moved" notice to paste into an X bio or a pinned post, in English or French. */
import { useState } from 'preact/hooks';
import type { PublicAccount } from '../../lib/model/account.ts';
import { movedNotice, X_LIMITS, xWeightedLength, type NoticeKind, type NoticeLang } from '../../lib/bridge/notice.ts';
import { useT } from '../i18n.tsx';

export function NoticeGenerator({ accounts }: { accounts: PublicAccount[] }) {
  const { t, lang: uiLang } = useT();
  const [lang, setLang] = useState<NoticeLang>(uiLang);
  const [kind, setKind] = useState<NoticeKind>('bio');
  const [links, setLinks] = useState(false);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [copied, setCopied] = useState(false);

  const chosen = accounts.filter((a) => !excluded.has(a.id));
  const text = chosen.length
    ? movedNotice({
        lang,
        kind,
        links,
        accounts: chosen.map((a) => ({ network: a.network, handle: a.handle, url: a.profileUrl })),
      })
    : '';
  const length = xWeightedLength(text);
  const limit = X_LIMITS[kind];

  return (
    <section aria-labelledby="bridge-notice-title">
      <h2 id="bridge-notice-title">{t('bridge.notice.title')}</h2>
      {accounts.length === 0 ? (
        <p class="placeholder">{t('bridge.notice.noAccounts')}</p>
      ) : (
        <>
          <fieldset>
            <legend>{t('bridge.notice.accounts')}</legend>
            {accounts.map((a) => (
              <label key={a.id} class="toggle">
                <input
                  type="checkbox"
                  checked={!excluded.has(a.id)}
                  onChange={(e) => {
                    const next = new Set(excluded);
                    if (e.currentTarget.checked) next.delete(a.id);
                    else next.add(a.id);
                    setExcluded(next);
                  }}
                />{' '}
                {a.handle}
              </label>
            ))}
          </fieldset>
          <div class="row">
            <label for="bridge-notice-lang">{t('bridge.notice.language')}</label>{' '}
            <select id="bridge-notice-lang" value={lang} onChange={(e) => setLang(e.currentTarget.value as NoticeLang)}>
              <option value="en">English</option>
              <option value="fr">Français</option>
            </select>{' '}
            <label for="bridge-notice-kind">{t('bridge.notice.kind')}</label>{' '}
            <select id="bridge-notice-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as NoticeKind)}>
              <option value="bio">{t('bridge.notice.bio')}</option>
              <option value="post">{t('bridge.notice.post')}</option>
            </select>{' '}
            <label class="toggle">
              <input type="checkbox" checked={links} onChange={(e) => setLinks(e.currentTarget.checked)} />{' '}
              {t('bridge.notice.links')}
            </label>
          </div>
          <label class="bridge-notice-text">
            {t('bridge.notice.text')}
            <textarea readOnly value={text} data-testid="bridge-notice" lang={lang} />
          </label>
          <p class={length > limit ? 'warn' : 'muted'} role="status">
            {t(length > limit ? 'bridge.notice.tooLong' : 'bridge.notice.length', { n: length, max: limit })}
          </p>
          <button
            type="button"
            disabled={!text}
            onClick={() => {
              navigator.clipboard.writeText(text).then(
                () => setCopied(true),
                (error: unknown) =>
                  console.warn('Sortie: the clipboard refused the notice; select the text and copy it', error),
              );
            }}
          >
            {copied ? t('bridge.notice.copied') : t('bridge.notice.copy')}
          </button>
        </>
      )}
    </section>
  );
}
