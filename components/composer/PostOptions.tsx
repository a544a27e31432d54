/** Content warning, labels, language, visibility, who may reply/quote, numbering and schedule. */
import type { Draft, MastodonVisibility, ReplyPolicy, SelfLabel } from '../../lib/model/draft.ts';
import { useT } from '../i18n.tsx';
import { NetworkOverrides } from './NetworkOverrides.tsx';
import type { PollLimits } from '../../lib/compose/poll-limits.ts';
import { PollEditor } from './PollEditor.tsx';

const LANGS = ['fr', 'en', 'es', 'de', 'it', 'pt', 'nl', 'ar', 'he', 'fa', 'tr', 'uk', 'ru', 'pl', 'ja', 'zh', 'ko', 'br', 'ca', 'eu', 'oc'];
const VISIBILITIES: MastodonVisibility[] = ['public', 'unlisted', 'private', 'direct'];
const REPLIES: ReplyPolicy[] = ['everyone', 'following', 'followers', 'mentioned', 'nobody'];
const LABELS: SelfLabel[] = ['sexual', 'nudity', 'porn', 'graphic-media'];

export const PRESETS = {
  public: { reply: 'everyone', allowQuotes: true },
  protected: { reply: 'following', allowQuotes: false },
  announcement: { reply: 'nobody', allowQuotes: false },
} as const;

function localInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function PostOptions({ draft, update, pollLimits }: { draft: Draft; update: (patch: Partial<Draft>) => void; pollLimits: PollLimits }) {
  const { t } = useT();
  const langName = (code: string) => new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'language' }).of(code) ?? code;
  return (
    <div class="post-options">
      <p>
        <label for="cw">{t('compose.cw')}</label>{' '}
        <input id="cw" value={draft.contentWarning} onInput={(e) => update({ contentWarning: e.currentTarget.value })} />
      </p>
      <p>
        <label for="label">{t('compose.label')}</label>{' '}
        <select id="label" value={draft.labels[0] ?? ''} onChange={(e) => update({ labels: e.currentTarget.value ? [e.currentTarget.value as SelfLabel] : [] })}>
          <option value="">{t('compose.label.none')}</option>
          {LABELS.map((l) => (
            <option key={l} value={l}>{t(`compose.label.${l}`)}</option>
          ))}
        </select>
      </p>
      <p>
        <label for="lang">{t('compose.language')}</label>{' '}
        <select id="lang" value={draft.langs[0] ?? 'en'} onChange={(e) => update({ langs: [e.currentTarget.value] })}>
          {[...new Set([...(draft.langs[0] ? [draft.langs[0]] : []), ...LANGS])].map((code) => (
            <option key={code} value={code} lang={code}>{langName(code)}</option>
          ))}
        </select>{' '}
        <label for="visibility">{t('compose.visibility')}</label>{' '}
        <select id="visibility" value={draft.visibility} onChange={(e) => update({ visibility: e.currentTarget.value as MastodonVisibility })}>
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>{t(`compose.visibility.${v}`)}</option>
          ))}
        </select>
      </p>
      <fieldset>
        <legend>{t('compose.interaction')}</legend>
        <label for="reply-policy">{t('compose.reply')}</label>{' '}
        <select id="reply-policy" value={draft.interaction.reply} onChange={(e) => update({ interaction: { ...draft.interaction, reply: e.currentTarget.value as ReplyPolicy } })}>
          {REPLIES.map((r) => (
            <option key={r} value={r}>{t(`compose.reply.${r}`)}</option>
          ))}
        </select>{' '}
        <input id="allow-quotes" type="checkbox" checked={draft.interaction.allowQuotes} onChange={(e) => update({ interaction: { ...draft.interaction, allowQuotes: e.currentTarget.checked } })} />{' '}
        <label for="allow-quotes">{t('compose.allowQuotes')}</label>
        <div role="group" aria-label={t('compose.presets')}>
          {(Object.keys(PRESETS) as Array<keyof typeof PRESETS>).map((name) => (
            <button key={name} type="button" aria-pressed={draft.interaction.reply === PRESETS[name].reply && draft.interaction.allowQuotes === PRESETS[name].allowQuotes} onClick={() => update({ interaction: { ...PRESETS[name] } })}>
              {t(`compose.preset.${name}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <NetworkOverrides draft={draft} update={update} />
      <PollEditor poll={draft.poll} update={update} limits={pollLimits} />
      <p>
        <input id="numbering" type="checkbox" checked={draft.numbering} onChange={(e) => update({ numbering: e.currentTarget.checked })} />{' '}
        <label for="numbering">{t('compose.numbering')}</label>
      </p>
      <p>
        <label for="schedule">{t('compose.schedule')}</label>{' '}
        <input id="schedule" type="datetime-local" value={localInput(draft.scheduledAt)} onChange={(e) => update({ scheduledAt: e.currentTarget.value ? new Date(e.currentTarget.value).toISOString() : null })} />
      </p>
      <p>
        <label for="reply-to">{t('compose.replyTo')}</label>{' '}
        <input
          id="reply-to"
          type="url"
          value={draft.replyTo.bluesky ?? draft.replyTo.mastodon ?? ''}
          onInput={(e) => {
            const v = e.currentTarget.value.trim();
            if (!v) update({ replyTo: {} });
            else if (/^at:\/\/|bsky\.app\//.test(v)) update({ replyTo: { bluesky: v } });
            else update({ replyTo: { mastodon: v } });
          }}
        />
      </p>
    </div>
  );
}
