/**
 * Step 2: finding. Which of the user's accounts look the X accounts up, the
 * run's progress (with rate-limit waits and what could not be checked), stop
 * and resume.
 */
import { useState } from 'preact/hooks';
import type { PublicAccount } from '../../lib/model/account.ts';
import { chosenAccountIds, type AccountChoice } from '../../lib/bridge/account-choice.ts';
import { isRunLive } from '../../lib/bridge/store.ts';
import { NETWORK_IDS, networkLabel } from '../../lib/networks/registry.ts';
import type { BridgeRun } from '../../lib/model/bridge.ts';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import { useT } from '../i18n.tsx';

function AccountSelect({
  label,
  accounts,
  value,
  onChange,
}: {
  label: string;
  accounts: PublicAccount[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const { t } = useT();
  return (
    <label class="bridge-account">
      {label} {/* Named by the label's words alone: wrapped in it, the list would be named by its options too. */}
      <select aria-label={label} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value || undefined)}>
        <option value="">{t('bridge.find.none')}</option>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.handle}
          </option>
        ))}
      </select>
    </label>
  );
}

export function RunProgress({ run }: { run: BridgeRun }) {
  const { t, td, lang } = useT();
  const live = isRunLive(run, Date.now());
  const interrupted = run.state === 'running' && !live;
  const label = run.kind === 'match' ? 'bridge.run.matchProgress' : 'bridge.run.followProgress';
  return (
    <div
      class="bridge-run"
      data-testid="bridge-run"
      data-state={interrupted ? 'interrupted' : run.state}
      data-kind={run.kind}
    >
      <progress max={Math.max(1, run.total)} value={run.done} aria-label={t('bridge.run.progress')} />
      <p role="status">
        {t(label, { done: run.done, total: run.total, found: run.found, followed: run.followed })}
        {run.failed > 0 && ` ${t('bridge.run.failed', { n: run.failed })}`}
        {run.state === 'done' && ` ${t('bridge.run.done')}`}
        {run.state === 'stopped' && ` ${t('bridge.run.stopped')}`}
      </p>
      {live && run.waitingUntil !== null && (
        <p class="warn">{t('bridge.run.waiting', { time: new Date(run.waitingUntil).toLocaleTimeString(lang) })}</p>
      )}
      {interrupted && <p class="warn">{t('bridge.run.interrupted')}</p>}
      {run.error && (
        <p class="error" role="alert">
          {td(run.error.messageKey, { detail: run.error.detail })}
          {run.error.detail && <span class="muted"> ({run.error.detail})</span>}
        </p>
      )}
      {run.notes.map((note) => (
        <p class="muted" key={note}>
          {td(note)}
        </p>
      ))}
    </div>
  );
}

export function FindSection({
  accounts,
  choice,
  onChoice,
  run,
  collected,
  checked,
}: {
  accounts: PublicAccount[];
  choice: AccountChoice;
  onChoice: (choice: AccountChoice) => void;
  run: BridgeRun | null;
  collected: number;
  checked: number;
}) {
  const { t, td } = useT();
  const [recheck, setRecheck] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = run !== null && isRunLive(run, Date.now());
  const chosen = chosenAccountIds(choice);

  const act = (work: Promise<unknown>): void => {
    setError(null);
    work.catch((e: unknown) => setError(e instanceof SortieError ? td(e.messageKey, { detail: e.detail }) : String(e)));
  };

  return (
    <section aria-labelledby="bridge-find-title">
      <h2 id="bridge-find-title">{t('bridge.find.title')}</h2>
      {accounts.length === 0 ? (
        <p class="placeholder">{t('bridge.find.noAccounts')}</p>
      ) : (
        <>
          <p>{t('bridge.find.intro')}</p>
          <div class="bridge-accounts">
            {NETWORK_IDS.map((network) => (
              <AccountSelect
                key={network}
                label={t('bridge.find.with', { network: networkLabel(network) })}
                accounts={accounts.filter((a) => a.network === network)}
                value={choice[network]}
                onChange={(id) => onChoice({ ...choice, [network]: id })}
              />
            ))}
          </div>
          <label class="toggle">
            <input type="checkbox" checked={recheck} onChange={(e) => setRecheck(e.currentTarget.checked)} />{' '}
            {t('bridge.find.recheck')}
          </label>
          <p class="muted">{t('bridge.find.status', { checked, collected })}</p>
          <div class="row">
            <button
              type="button"
              class="primary"
              disabled={live || collected === 0 || chosen.length === 0}
              onClick={() => act(send('bridge.match', { accountIds: chosen, recheck }))}
            >
              {checked > 0 && checked < collected && !recheck ? t('bridge.find.resume') : t('bridge.find.start')}
            </button>{' '}
            {live && (
              <button type="button" onClick={() => act(send('bridge.stop'))}>
                {t('bridge.find.stop')}
              </button>
            )}
          </div>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {run && <RunProgress run={run} />}
    </section>
  );
}
