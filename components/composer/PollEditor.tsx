/**
 * A Mastodon poll: 2 to the server's maximum options, a duration the server
 * accepts, single or multiple choice (limits from lib/compose/poll-limits.ts).
 */
import type { Draft, DraftPoll } from '../../lib/model/draft.ts';
import { defaultDuration, durationChoices, type PollLimits } from '../../lib/compose/poll-limits.ts';
import { useT } from '../i18n.tsx';

/** Mastodon's "1 month" (PollExpirationValidator::MAX_EXPIRATION). */
const MONTH = 2_629_746;

function unitOf(seconds: number): [Intl.NumberFormatOptions['unit'], number] {
  if (seconds % MONTH === 0) return ['month', seconds / MONTH];
  if (seconds >= 86_400) return ['day', seconds / 86_400];
  if (seconds >= 3_600) return ['hour', seconds / 3_600];
  if (seconds >= 60) return ['minute', seconds / 60];
  return ['second', seconds];
}

export function PollEditor({
  poll,
  update,
  limits,
}: {
  poll: DraftPoll | null;
  update: (patch: Partial<Draft>) => void;
  limits: PollLimits;
}) {
  const { t, lang } = useT();
  const set = (patch: Partial<DraftPoll>) => poll && update({ poll: { ...poll, ...patch } });
  const duration = (seconds: number) => {
    const [unit, value] = unitOf(seconds);
    return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(
      value,
    );
  };
  return (
    <fieldset class="poll">
      <legend>{t('compose.poll')}</legend>
      <input
        id="poll-on"
        type="checkbox"
        checked={poll !== null}
        onChange={(e) =>
          update({
            poll: e.currentTarget.checked
              ? { options: ['', ''], expiresInSeconds: defaultDuration(limits), multiple: false }
              : null,
          })
        }
      />{' '}
      <label for="poll-on">{t('compose.poll.add')}</label>
      {poll && (
        <>
          {poll.options.map((option, i) => (
            <p key={i}>
              <label for={`poll-option-${i}`}>{t('compose.poll.option', { n: i + 1 })}</label>{' '}
              <input
                id={`poll-option-${i}`}
                value={option}
                onInput={(e) => set({ options: poll.options.map((o, k) => (k === i ? e.currentTarget.value : o)) })}
              />
              {poll.options.length > 2 && (
                <button type="button" onClick={() => set({ options: poll.options.filter((_, k) => k !== i) })}>
                  {t('compose.poll.remove', { n: i + 1 })}
                </button>
              )}
            </p>
          ))}
          {poll.options.length < limits.maxOptions && (
            <button type="button" onClick={() => set({ options: [...poll.options, ''] })}>
              {t('compose.poll.addOption')}
            </button>
          )}
          <p>
            <label for="poll-duration">{t('compose.poll.duration')}</label>{' '}
            <select
              id="poll-duration"
              value={String(poll.expiresInSeconds)}
              onChange={(e) => set({ expiresInSeconds: Number(e.currentTarget.value) })}
            >
              {durationChoices(limits, poll.expiresInSeconds).map((d) => (
                <option key={d} value={String(d)}>
                  {duration(d)}
                </option>
              ))}
            </select>{' '}
            <input
              id="poll-multiple"
              type="checkbox"
              checked={poll.multiple}
              onChange={(e) => set({ multiple: e.currentTarget.checked })}
            />{' '}
            <label for="poll-multiple">{t('compose.poll.multiple')}</label>
          </p>
        </>
      )}
    </fieldset>
  );
}
