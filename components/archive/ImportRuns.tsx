/**
 * The imports started from this browser: where each stands (a progress bar
 * and the time left at the pace the networks allow), what failed, and
 * pause, resume, stop and undo.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { importStatuses, type ImportStatus, type UndoReport } from '../../lib/archive/status.ts';
import { openSortieDb } from '../../lib/db.ts';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import { useT } from '../i18n.tsx';
import { formatDuration } from './time.ts';

export function useImports(): { imports: ImportStatus[]; refresh: () => void } {
  const [imports, setImports] = useState<ImportStatus[]>([]);
  const refresh = () => {
    openSortieDb()
      .then(importStatuses)
      .then(setImports, () => setImports([]));
  };
  useEffect(() => {
    refresh();
    const onMessage = (message: unknown) => {
      if ((message as { name?: string })?.name === 'archive.changed') refresh();
    };
    browser.runtime.onMessage.addListener(onMessage);
    const timer = setInterval(refresh, 5_000);
    return () => {
      clearInterval(timer);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, []);
  return { imports, refresh };
}

type Control = 'archive.pause' | 'archive.resume' | 'archive.stop';

type Mirror = { origin: string; scheme: string } | null;

/**
 * The archive's X follows (ids only): looked up on the user's Nitter-style
 * mirror at a polite pace by the engine, then handed to the follow bridge.
 */
function FollowsLookup({
  run,
  mirror,
  onChanged,
  onError,
}: {
  run: ImportStatus;
  mirror: Mirror;
  onChanged: () => void;
  onError: (e: unknown) => void;
}) {
  const { t, td } = useT();
  const { total, run: lookup } = run.follows;
  if (total === 0) return null;
  const nitter = mirror?.scheme === 'nitter' ? mirror.origin : null;
  const running = lookup?.state === 'running';
  return (
    <div role="group" aria-label={t('archive.follows.title')}>
      <p>{t('archive.follows.count', { n: total })}</p>
      {lookup && (
        <>
          <progress max={Math.max(1, total)} value={lookup.next} aria-label={t('archive.follows.progress')} />
          <p role="status">
            {t('archive.follows.done', { done: lookup.next, total, found: lookup.found, missing: lookup.missing })}
          </p>
        </>
      )}
      {!running && lookup?.failure && (
        <p role="alert" class="error">
          {td(lookup.failure.messageKey, { detail: lookup.failure.detail })}
        </p>
      )}
      {running ? (
        <button
          type="button"
          onClick={() => send('archive.stopFollows', { importId: run.id }).then(onChanged, onError)}
        >
          {t('archive.follows.stop')}
        </button>
      ) : nitter !== null && lookup?.state !== 'done' ? (
        <button
          type="button"
          onClick={() => send('archive.resolveFollows', { importId: run.id, mirror: nitter }).then(onChanged, onError)}
        >
          {t('archive.follows.start', { mirror: new URL(nitter).host })}
        </button>
      ) : nitter === null && lookup?.state !== 'done' ? (
        <p class="muted">{t('archive.follows.noMirror')}</p>
      ) : null}
      {(lookup?.found ?? 0) > 0 && (
        <p>
          <a href={browser.runtime.getURL('/bridge.html')}>{t('archive.follows.bridge')}</a>
        </p>
      )}
    </div>
  );
}

function ImportRun({ run, mirror, onChanged }: { run: ImportStatus; mirror: Mirror; onChanged: () => void }) {
  const { t, td } = useT();
  const [error, setError] = useState<string | null>(null);
  const [undo, setUndo] = useState<UndoReport | null>(null);
  const [confirmUndo, setConfirmUndo] = useState(false);
  const fail = (e: unknown) => setError(e instanceof SortieError ? td(e.messageKey, { detail: e.detail }) : String(e));
  const control = (name: Control) => {
    setError(null);
    send(name, { importId: run.id }).then(onChanged, fail);
  };
  const { counts } = run;
  const settled = counts.posted + counts.failed + counts.skipped + counts.undone;
  const left = run.finishesAt === null ? null : Math.max(0, run.finishesAt - Date.now());
  return (
    <li class="archive-run" data-state={run.state} aria-label={run.fileName}>
      <p>
        <strong>{run.fileName}</strong> · {t(`archive.run.state.${run.state}`)}
      </p>
      <progress
        max={Math.max(1, counts.total)}
        value={settled}
        aria-label={t('archive.run.progress', { name: run.fileName })}
      />
      <p role="status">
        {t('archive.run.counts', { posted: counts.posted, total: counts.total, failed: counts.failed })}
        {left !== null && ` ${t('archive.run.left', { time: formatDuration(left / 3_600_000, t) })}`}
      </p>
      {run.error && <p class="error">{td(run.error.messageKey, { detail: run.error.detail })}</p>}
      {run.failures.length > 0 && (
        <details>
          <summary>{t('archive.run.failures', { n: counts.failed })}</summary>
          <ul>
            {run.failures.map((f) => (
              <li key={`${f.accountId}:${f.xId}`}>
                {f.xId}: {td(f.messageKey, { detail: f.detail })}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p>
        {run.state === 'running' && (
          <button type="button" onClick={() => control('archive.pause')}>
            {t('archive.run.pause')}
          </button>
        )}
        {run.state === 'paused' && (
          <button type="button" onClick={() => control('archive.resume')}>
            {t('archive.run.resume')}
          </button>
        )}{' '}
        {(run.state === 'running' || run.state === 'paused' || run.state === 'planning') && (
          <button type="button" onClick={() => control('archive.stop')}>
            {t('archive.run.stop')}
          </button>
        )}{' '}
        {run.state !== 'undone' && counts.posted > 0 && !confirmUndo && (
          <button type="button" onClick={() => setConfirmUndo(true)}>
            {t('archive.run.undo')}
          </button>
        )}
      </p>
      <FollowsLookup run={run} mirror={mirror} onChanged={onChanged} onError={fail} />
      {confirmUndo && (
        <div role="group" aria-label={t('archive.run.undo')}>
          <p>{t('archive.run.undoConfirm')}</p>
          <button
            type="button"
            onClick={() => {
              setConfirmUndo(false);
              send('archive.undo', { importId: run.id }).then((report) => {
                setUndo(report);
                onChanged();
              }, fail);
            }}
          >
            {t('archive.run.undoYes')}
          </button>{' '}
          <button type="button" onClick={() => setConfirmUndo(false)}>
            {t('archive.run.undoNo')}
          </button>
        </div>
      )}
      {undo && (
        <p role="status">
          {t('archive.run.undone', {
            deleted: undo.deleted,
            failed: undo.failed.length,
            kept: undo.notUndoable,
            sending: undo.stillSending,
          })}
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </li>
  );
}

export function ImportRuns({
  imports,
  mirror,
  onChanged,
}: {
  imports: ImportStatus[];
  mirror: Mirror;
  onChanged: () => void;
}) {
  const { t } = useT();
  if (imports.length === 0) return null;
  return (
    <section aria-labelledby="archive-runs-title">
      <h2 id="archive-runs-title">{t('archive.run.title')}</h2>
      <ul class="archive-runs">
        {imports.map((run) => (
          <ImportRun key={run.id} run={run} mirror={mirror} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}
