/** A Mastodon poll: 2 to the server's maximum options, a duration, single or multiple choice. */
import type { Draft, DraftPoll } from '../../lib/compose/draft.ts';
import { useT } from '../i18n.tsx';

const DURATIONS = [300, 1_800, 3_600, 21_600, 86_400, 259_200, 604_800];
const MAX_OPTIONS = 4;

export function PollEditor({ poll, update }: { poll: DraftPoll | null; update: (patch: Partial<Draft>) => void }) {
  const { t, lang } = useT();
  const set = (patch: Partial<DraftPoll>) => poll && update({ poll: { ...poll, ...patch } });
  const duration = (seconds: number) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: seconds >= 86_400 ? 'day' : seconds >= 3_600 ? 'hour' : 'minute', unitDisplay: 'long' }).format(
      seconds >= 86_400 ? seconds / 86_400 : seconds >= 3_600 ? seconds / 3_600 : seconds / 60,
    );
  return (
    <fieldset class="poll">
      <legend>{t('compose.poll')}</legend>
      <input
        id="poll-on"
        type="checkbox"
        checked={poll !== null}
        onChange={(e) => update({ poll: e.currentTarget.checked ? { options: ['', ''], expiresInSeconds: 86_400, multiple: false } : null })}
      />{' '}
      <label for="poll-on">{t('compose.poll.add')}</label>
      {poll && (
        <>
          {poll.options.map((option, i) => (
            <p key={i}>
              <label for={`poll-option-${i}`}>{t('compose.poll.option', { n: i + 1 })}</label>{' '}
              <input id={`poll-option-${i}`} value={option} onInput={(e) => set({ options: poll.options.map((o, k) => (k === i ? e.currentTarget.value : o)) })} />
              {poll.options.length > 2 && (
                <button type="button" onClick={() => set({ options: poll.options.filter((_, k) => k !== i) })}>
                  {t('compose.poll.remove', { n: i + 1 })}
                </button>
              )}
            </p>
          ))}
          {poll.options.length < MAX_OPTIONS && (
            <button type="button" onClick={() => set({ options: [...poll.options, ''] })}>
              {t('compose.poll.addOption')}
            </button>
          )}
          <p>
            <label for="poll-duration">{t('compose.poll.duration')}</label>{' '}
            <select id="poll-duration" value={String(poll.expiresInSeconds)} onChange={(e) => set({ expiresInSeconds: Number(e.currentTarget.value) })}>
              {DURATIONS.map((d) => (
                <option key={d} value={String(d)}>{duration(d)}</option>
              ))}
            </select>{' '}
            <input id="poll-multiple" type="checkbox" checked={poll.multiple} onChange={(e) => set({ multiple: e.currentTarget.checked })} />{' '}
            <label for="poll-multiple">{t('compose.poll.multiple')}</label>
          </p>
        </>
      )}
    </fieldset>
  );
}
