/** After Post: each target's state, with links to what was published. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PublicAccount } from '../../lib/model/account.ts';
import { send } from '../../lib/messaging/client.ts';
import type { Job } from '../../lib/model/job.ts';
import { webLink } from '../../lib/web-link.ts';
import { useT } from '../i18n.tsx';
import { networkLabel } from '../../lib/networks/registry.ts';

export function useJobs(postId: string | null): Job[] {
  // Jobs are kept with the post they were read for: after a second Post, the first post's
  // (all sent) jobs must not stand in for the new one's until the next refresh.
  const [read, setRead] = useState<{ postId: string; jobs: Job[] } | null>(null);
  useEffect(() => {
    if (!postId) return;
    let alive = true;
    const refresh = () =>
      send('outbox.list', { limit: 1000 }).then((all) => {
        if (alive) setRead({ postId, jobs: all.filter((j) => j.postId === postId) });
      });
    void refresh();
    const onMessage = (message: unknown) => {
      if ((message as { name?: string })?.name === 'outbox.changed') void refresh();
    };
    browser.runtime.onMessage.addListener(onMessage);
    // Messages can be missed while the page loads: a slow poll backs them up.
    const timer = setInterval(refresh, 1_500);
    return () => {
      alive = false;
      clearInterval(timer);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [postId]);
  return read && read.postId === postId ? read.jobs : [];
}

/** Past this, a request still in flight is worth a word: the server is slow, Sortie keeps trying (the timeout is 120 s). */
const SLOW_AFTER_MS = 10_000;

function isSlow(job: Job): boolean {
  return job.state === 'sending' && Date.now() - job.updatedAt > SLOW_AFTER_MS;
}

export function PostStatus({ postId, accounts }: { postId: string; accounts: PublicAccount[] }) {
  const { t, td } = useT();
  const jobs = useJobs(postId);
  return (
    <section aria-live="polite" class="post-status" data-testid="post-status" data-post-id={postId}>
      <h2>
        {jobs.length > 0 && jobs.every((j) => j.state === 'sent') ? t('compose.status.done') : t('compose.status')}
      </h2>
      <ul>
        {jobs.map((j) => {
          const account = accounts.find((a) => a.id === j.accountId);
          // The post's address comes from the server: only an http(s) one becomes a link.
          const postUrl = webLink(j.result?.url);
          return (
            <li key={j.id} data-state={j.state} data-network={j.network}>
              {account?.handle ?? j.accountId} · {t('compose.part', { n: j.partIndex + 1, total: j.partCount })} ·{' '}
              <strong>{t(`queue.state.${j.state}`)}</strong>
              {postUrl && (
                <>
                  {' '}
                  <a href={postUrl} target="_blank" rel="noreferrer">
                    {t('compose.viewOn', { network: networkLabel(j.network) })}
                  </a>
                </>
              )}
              {j.result?.notice && (
                <span class="warn" data-testid="post-notice">
                  {' '}
                  — {td(j.result.notice)}
                </span>
              )}
              {isSlow(j) && (
                <span class="warn" data-testid="post-slow">
                  {' '}
                  — {t('notice.serverSlow')}
                </span>
              )}
              {j.lastError && (
                <span class="error"> — {td(j.lastError.messageKey, { detail: j.lastError.detail })}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
