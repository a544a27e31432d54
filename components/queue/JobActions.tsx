/** What can be done to one job: retry now, cancel, edit and resend, change who may reply/quote. */
import { useState } from 'preact/hooks';
import type { ReplyPolicy } from '../../lib/model/draft.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { send } from '../../lib/messaging/client.ts';
import type { Job } from '../../lib/model/job.ts';
import { NETWORKS } from '../../lib/networks/registry.ts';
import { useT } from '../i18n.tsx';

const REPLIES: ReplyPolicy[] = ['everyone', 'following', 'followers', 'mentioned', 'nobody'];

export function JobActions({ job, act }: { job: Job; act: (work: Promise<unknown>) => Promise<void> }) {
  const { t } = useT();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(job.text);
  const [gates, setGates] = useState(false);
  const [reply, setReply] = useState<ReplyPolicy>(job.interaction.reply);
  const [quotes, setQuotes] = useState(job.interaction.allowQuotes);
  const label = (key: MessageKey) =>
    `${t(key)} (${job.network}, ${t('compose.part', { n: job.partIndex + 1, total: job.partCount })})`;

  return (
    <span class="job-actions">
      {(job.state === 'failed' || job.state === 'retrying') && (
        <button
          type="button"
          aria-label={label('queue.retry')}
          onClick={() => void act(send('outbox.retry', { jobId: job.id }))}
        >
          {t('queue.retry')}
        </button>
      )}
      {(job.state === 'queued' || job.state === 'retrying' || job.state === 'failed') && (
        <button
          type="button"
          aria-label={label('queue.cancel')}
          onClick={() => void act(send('outbox.cancel', { jobId: job.id }))}
        >
          {t('queue.cancel')}
        </button>
      )}
      {job.state === 'failed' && (
        <button
          type="button"
          aria-expanded={editing}
          aria-label={label('queue.edit')}
          onClick={() => setEditing(!editing)}
        >
          {t('queue.edit')}
        </button>
      )}
      {job.state === 'sent' && NETWORKS[job.network].capabilities.editableGates && job.partIndex === 0 && (
        <button
          type="button"
          aria-expanded={gates}
          aria-label={label('queue.changeGates')}
          onClick={() => setGates(!gates)}
        >
          {t('queue.changeGates')}
        </button>
      )}
      {editing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(send('outbox.edit', { jobId: job.id, text })).then(() => setEditing(false));
          }}
        >
          <label for={`edit-${job.id}`}>{t('queue.editText')}</label>
          <textarea id={`edit-${job.id}`} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit">{t('queue.resend')}</button>
        </form>
      )}
      {gates && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(send('outbox.updateGates', { jobId: job.id, interaction: { reply, allowQuotes: quotes } })).then(
              () => setGates(false),
            );
          }}
        >
          <label for={`reply-${job.id}`}>{t('compose.reply')}</label>{' '}
          <select id={`reply-${job.id}`} value={reply} onChange={(e) => setReply(e.currentTarget.value as ReplyPolicy)}>
            {REPLIES.map((r) => (
              <option key={r} value={r}>
                {t(`compose.reply.${r}`)}
              </option>
            ))}
          </select>{' '}
          <input
            id={`quotes-${job.id}`}
            type="checkbox"
            checked={quotes}
            onChange={(e) => setQuotes(e.currentTarget.checked)}
          />{' '}
          <label for={`quotes-${job.id}`}>{t('compose.allowQuotes')}</label>{' '}
          <button type="submit">{t('queue.saveGates')}</button>
        </form>
      )}
    </span>
  );
}
