/**
 * The outbox as the user sees it: every post, its state on each account,
 * links to what was published, and what they can do about the rest.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PublicAccount } from '../../lib/model/account.ts';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import type { Job, JobState } from '../../lib/model/job.ts';
import { webLink } from '../../lib/web-link.ts';
import { useT } from '../i18n.tsx';
import { JobActions } from './JobActions.tsx';
import { networkLabel } from '../../lib/networks/registry.ts';

const STATES: JobState[] = ['held', 'queued', 'sending', 'retrying', 'sent', 'failed', 'cancelled'];

export function useQueue(limit: number): { jobs: Job[]; refresh: () => void } {
  const [jobs, setJobs] = useState<Job[]>([]);
  const refresh = () => {
    send('outbox.list', { limit }).then(setJobs, () => setJobs([]));
  };
  useEffect(() => {
    refresh();
    const onMessage = (message: unknown) => {
      if ((message as { name?: string })?.name === 'outbox.changed') refresh();
    };
    browser.runtime.onMessage.addListener(onMessage);
    const timer = setInterval(refresh, 2_000);
    return () => {
      clearInterval(timer);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [limit]);
  return { jobs, refresh };
}

function groupByPost(jobs: Job[]): Job[][] {
  const posts = new Map<string, Job[]>();
  for (const job of jobs) posts.set(job.postId, [...(posts.get(job.postId) ?? []), job]);
  return [...posts.values()];
}

/**
 * A post restored from a backup: it goes out only through these buttons
 * (lib/model/job.ts, 'held'), so the user sees what it says, where and when
 * before anything is sent.
 */
function HeldPost({ post, act }: { post: Job[]; act: (work: Promise<unknown>) => Promise<void> }) {
  const { t, lang } = useT();
  const first = post[0]!;
  const sendAt = post.find((j) => j.state === 'held' && j.sendAt !== null)?.sendAt ?? null;
  const excerpt = first.text.length > 40 ? `${first.text.slice(0, 40)}…` : first.text;
  return (
    <p class="warn" data-testid="held-post">
      {t('queue.held.note')}
      {sendAt !== null && <> {t('queue.held.scheduled', { time: new Date(sendAt).toLocaleString(lang) })}</>}{' '}
      <button
        type="button"
        aria-label={t('queue.held.sendLabel', { text: excerpt })}
        onClick={() => void act(send('outbox.sendHeld', { postId: first.postId }))}
      >
        {t('queue.held.send')}
      </button>{' '}
      <button
        type="button"
        aria-label={t('queue.held.deleteLabel', { text: excerpt })}
        onClick={() => void act(send('outbox.deleteHeld', { postId: first.postId }))}
      >
        {t('queue.held.delete')}
      </button>
    </p>
  );
}

export function QueueView({ accounts, limit = 200 }: { accounts: PublicAccount[]; limit?: number }) {
  const { t, td, lang } = useT();
  const { jobs, refresh } = useQueue(limit);
  const [error, setError] = useState<string | null>(null);
  const counts = STATES.map((s) => [s, jobs.filter((j) => j.state === s).length] as const).filter(([, n]) => n > 0);

  const act = async (work: Promise<unknown>) => {
    setError(null);
    try {
      await work;
    } catch (err) {
      setError(err instanceof SortieError ? td(err.messageKey, { detail: err.detail }) : String(err));
    }
    refresh();
  };

  if (jobs.length === 0)
    return (
      <p class="muted" data-testid="queue-empty">
        {t('queue.empty')}
      </p>
    );
  return (
    <section class="queue" aria-labelledby="queue-title" data-testid="queue">
      <h2 id="queue-title">{t('nav.queue')}</h2>
      <p data-testid="queue-counts">{counts.map(([s, n]) => `${t(`queue.state.${s}`)}: ${n}`).join(' · ')}</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {groupByPost(jobs).map((post) => (
        <article key={post[0]!.postId} class="queue-post">
          <h3>
            {post[0]!.text.slice(0, 80)}
            {post[0]!.text.length > 80 ? '…' : ''}{' '}
            <small class="muted">{new Date(post[0]!.createdAt).toLocaleString(lang)}</small>
          </h3>
          {post.some((j) => j.state === 'held') && <HeldPost post={post} act={act} />}
          <ul>
            {post
              .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.partIndex - b.partIndex)
              .map((job) => {
                const account = accounts.find((a) => a.id === job.accountId);
                // The post's address comes from the server: only an http(s) one becomes a link.
                const postUrl = webLink(job.result?.url);
                return (
                  <li key={job.id} data-state={job.state} data-network={job.network}>
                    {networkLabel(job.network)} {account?.handle ?? job.accountId} ·{' '}
                    {t('compose.part', { n: job.partIndex + 1, total: job.partCount })} ·{' '}
                    <strong>{t(`queue.state.${job.state}`)}</strong>
                    {job.state === 'retrying' && (
                      <span>
                        {' '}
                        ({t('queue.nextAttempt', { time: new Date(job.nextAttemptAt).toLocaleTimeString(lang) })})
                      </span>
                    )}
                    {postUrl && (
                      <>
                        {' '}
                        <a href={postUrl} target="_blank" rel="noreferrer">
                          {t('compose.view')}
                        </a>
                      </>
                    )}
                    {job.result?.notice && <span class="warn"> — {td(job.result.notice)}</span>}
                    {job.lastError && (
                      <span class="error"> — {td(job.lastError.messageKey, { detail: job.lastError.detail })}</span>
                    )}
                    <JobActions job={job} act={act} />
                  </li>
                );
              })}
          </ul>
        </article>
      ))}
    </section>
  );
}
