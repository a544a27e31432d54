/**
 * The message options as a compact toolbar: each labelled button says the
 * current choice and opens its small panel under the bar (one at a time;
 * Esc closes it and gives focus back to its button). Content warning and
 * label, language, audience (visibility, who may reply and quote), poll,
 * when to send, and the rest (numbering, reply to, a text per network).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Draft, MastodonVisibility, ReplyPolicy, SelfLabel } from '../../lib/model/draft.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';
import type { PollLimits } from '../../lib/compose/poll-limits.ts';
import { scheduleNote } from '../../lib/compose/schedule-check.ts';
import { useT } from '../i18n.tsx';
import { NetworkOverrides } from './NetworkOverrides.tsx';
import { PollEditor } from './PollEditor.tsx';

const LANGS = [
  'fr',
  'en',
  'es',
  'de',
  'it',
  'pt',
  'nl',
  'ar',
  'he',
  'fa',
  'tr',
  'uk',
  'ru',
  'pl',
  'ja',
  'zh',
  'ko',
  'br',
  'ca',
  'eu',
  'oc',
];
const VISIBILITIES: MastodonVisibility[] = ['public', 'unlisted', 'private', 'direct'];
const REPLIES: ReplyPolicy[] = ['everyone', 'following', 'followers', 'mentioned', 'nobody'];
const LABELS: SelfLabel[] = ['sexual', 'nudity', 'porn', 'graphic-media'];

export const PRESETS = {
  public: { reply: 'everyone', allowQuotes: true },
  protected: { reply: 'following', allowQuotes: false },
  announcement: { reply: 'nobody', allowQuotes: false },
} as const;

type Update = (patch: Partial<Draft>) => void;

export type OptionPanel = 'cw' | 'lang' | 'audience' | 'poll' | 'schedule' | 'more';
const PANELS: OptionPanel[] = ['cw', 'lang', 'audience', 'poll', 'schedule', 'more'];

function localInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch (error) {
    if (error instanceof RangeError) return code;
    throw error;
  }
}

function CwPanel({ draft, update }: { draft: Draft; update: Update }) {
  const { t } = useT();
  return (
    <>
      <p>
        <label for="cw">{t('compose.cw')}</label>
        <input
          id="cw"
          dir="auto"
          value={draft.contentWarning}
          onInput={(e) => update({ contentWarning: e.currentTarget.value })}
        />
      </p>
      <p>
        <label for="label">{t('compose.label')}</label>
        <select
          id="label"
          value={draft.labels[0] ?? ''}
          onChange={(e) => update({ labels: e.currentTarget.value ? [e.currentTarget.value as SelfLabel] : [] })}
        >
          <option value="">{t('compose.label.none')}</option>
          {LABELS.map((l) => (
            <option key={l} value={l}>
              {t(`compose.label.${l}`)}
            </option>
          ))}
        </select>
      </p>
    </>
  );
}

function LanguagePanel({ draft, update }: { draft: Draft; update: Update }) {
  const { t, lang } = useT();
  return (
    <p>
      <label for="lang">{t('compose.language')}</label>
      <select id="lang" value={draft.langs[0] ?? 'en'} onChange={(e) => update({ langs: [e.currentTarget.value] })}>
        {[...new Set([...(draft.langs[0] ? [draft.langs[0]] : []), ...LANGS])].map((code) => (
          <option key={code} value={code} lang={code}>
            {languageName(code, lang)}
          </option>
        ))}
      </select>
    </p>
  );
}

function AudiencePanel({ draft, update }: { draft: Draft; update: Update }) {
  const { t } = useT();
  return (
    <>
      <p>
        <label for="visibility">{t('compose.visibility')}</label>
        <select
          id="visibility"
          value={draft.visibility}
          onChange={(e) => update({ visibility: e.currentTarget.value as MastodonVisibility })}
        >
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {t(`compose.visibility.${v}`)}
            </option>
          ))}
        </select>
      </p>
      <fieldset>
        <legend>{t('compose.interaction')}</legend>
        <div role="group" aria-label={t('compose.presets')} class="presets">
          {(Object.keys(PRESETS) as Array<keyof typeof PRESETS>).map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={
                draft.interaction.reply === PRESETS[name].reply &&
                draft.interaction.allowQuotes === PRESETS[name].allowQuotes
              }
              onClick={() => update({ interaction: { ...PRESETS[name] } })}
            >
              {t(`compose.preset.${name}`)}
            </button>
          ))}
        </div>
        <p>
          <label for="reply-policy">{t('compose.reply')}</label>
          <select
            id="reply-policy"
            value={draft.interaction.reply}
            onChange={(e) =>
              update({ interaction: { ...draft.interaction, reply: e.currentTarget.value as ReplyPolicy } })
            }
          >
            {REPLIES.map((r) => (
              <option key={r} value={r}>
                {t(`compose.reply.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </p>
        <p class="check">
          <input
            id="allow-quotes"
            type="checkbox"
            checked={draft.interaction.allowQuotes}
            onChange={(e) => update({ interaction: { ...draft.interaction, allowQuotes: e.currentTarget.checked } })}
          />{' '}
          <label for="allow-quotes">{t('compose.allowQuotes')}</label>
        </p>
      </fieldset>
    </>
  );
}

function SchedulePanel({ draft, update }: { draft: Draft; update: Update }) {
  const { t, lang } = useT();
  const note = scheduleNote(draft.scheduledAt, Date.now());
  return (
    <p>
      <label for="schedule">{t('compose.schedule')}</label>
      <input
        id="schedule"
        type="datetime-local"
        value={localInput(draft.scheduledAt)}
        aria-describedby={note ? 'schedule-note' : undefined}
        onChange={(e) =>
          update({ scheduledAt: e.currentTarget.value ? new Date(e.currentTarget.value).toISOString() : null })
        }
      />
      {draft.scheduledAt && (
        <button type="button" onClick={() => update({ scheduledAt: null })}>
          {t('compose.schedule.clear')}
        </button>
      )}
      {/* Always in the page (empty, it takes no room), so a screen reader hears the note when it appears. */}
      <span id="schedule-note" class="warn" role="status" data-testid="schedule-note" data-note={note ?? undefined}>
        {note && <br />}
        {note === 'past' && t('compose.schedule.past')}
        {note === 'far' &&
          t('compose.schedule.far', {
            date: new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short' }).format(
              new Date(draft.scheduledAt!),
            ),
          })}
      </span>
    </p>
  );
}

function MorePanel({ draft, update }: { draft: Draft; update: Update }) {
  const { t } = useT();
  return (
    <>
      <p class="check">
        <input
          id="numbering"
          type="checkbox"
          checked={draft.numbering}
          onChange={(e) => update({ numbering: e.currentTarget.checked })}
        />{' '}
        <label for="numbering">{t('compose.numbering')}</label>
      </p>
      <p>
        <label for="reply-to">{t('compose.replyTo')}</label>
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
      <NetworkOverrides draft={draft} update={update} />
    </>
  );
}

/** The button's words: the option and, once set, its current value. */
function buttonText(
  panel: OptionPanel,
  draft: Draft,
  t: ReturnType<typeof useT>['t'],
  lang: string,
): { label: string; value: string | null } {
  switch (panel) {
    case 'cw':
      return {
        label: t('compose.bar.cw'),
        value: draft.contentWarning.trim() !== '' || draft.labels.length > 0 ? t('compose.bar.on') : null,
      };
    case 'lang':
      return { label: t('compose.bar.lang'), value: draft.langs[0] ? languageName(draft.langs[0], lang) : null };
    case 'audience':
      return { label: t('compose.bar.audience'), value: t(`compose.visibility.${draft.visibility}` as MessageKey) };
    case 'poll':
      return { label: t('compose.bar.poll'), value: draft.poll ? t('compose.bar.on') : null };
    case 'schedule':
      return {
        label: t('compose.bar.schedule'),
        value: draft.scheduledAt
          ? new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' }).format(
              new Date(draft.scheduledAt),
            )
          : null,
      };
    case 'more':
      return { label: t('compose.bar.more'), value: null };
  }
}

export function PostOptions({ draft, update, pollLimits }: { draft: Draft; update: Update; pollLimits: PollLimits }) {
  const { t, lang } = useT();
  const [open, setOpen] = useState<OptionPanel | null>(null);
  const buttons = useRef<Partial<Record<OptionPanel, HTMLButtonElement | null>>>({});
  const panelRef = useRef<HTMLDivElement>(null);
  // Opened from the bar: the caret goes to the panel's first field, as in a menu; Esc brings it back.
  const [focusPanel, setFocusPanel] = useState(false);
  useEffect(() => {
    if (!open || !focusPanel) return;
    setFocusPanel(false);
    panelRef.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }, [open, focusPanel]);
  const close = () => {
    const was = open;
    setOpen(null);
    if (was) buttons.current[was]?.focus();
  };
  return (
    <div class="post-options">
      <div class="options-bar" role="group" aria-label={t('compose.options')}>
        {PANELS.map((panel) => {
          const { label, value } = buttonText(panel, draft, t, lang);
          return (
            <button
              key={panel}
              ref={(el) => {
                buttons.current[panel] = el;
              }}
              type="button"
              class={value ? 'option set' : 'option'}
              aria-expanded={open === panel}
              aria-controls={open === panel ? `panel-${panel}` : undefined}
              data-option={panel}
              onClick={() => {
                setFocusPanel(open !== panel);
                setOpen(open === panel ? null : panel);
              }}
            >
              {label}
              {value && <span class="option-value">: {value}</span>}
            </button>
          );
        })}
      </div>
      {open && (
        <div
          ref={panelRef}
          id={`panel-${open}`}
          class="option-panel"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              // Handled here: the overlay's own Esc (close the overlay) skips a prevented key.
              e.preventDefault();
              close();
            }
          }}
        >
          {open === 'cw' && <CwPanel draft={draft} update={update} />}
          {open === 'lang' && <LanguagePanel draft={draft} update={update} />}
          {open === 'audience' && <AudiencePanel draft={draft} update={update} />}
          {open === 'poll' && <PollEditor poll={draft.poll} update={update} limits={pollLimits} />}
          {open === 'schedule' && <SchedulePanel draft={draft} update={update} />}
          {open === 'more' && <MorePanel draft={draft} update={update} />}
          <button type="button" class="panel-close" onClick={close}>
            {t('compose.bar.done')}
          </button>
        </div>
      )}
    </div>
  );
}
