/**
 * The follow bridge page: collect the people followed on X, find
 * them on Mastodon and Bluesky, follow them; the exit dashboard and the
 * "moved" notice.
 */
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CollectSection } from '../../components/bridge/CollectSection.tsx';
import { Dashboard } from '../../components/bridge/Dashboard.tsx';
import { FindSection } from '../../components/bridge/FindSection.tsx';
import { NoticeGenerator } from '../../components/bridge/NoticeGenerator.tsx';
import { ResultsSection } from '../../components/bridge/ResultsSection.tsx';
import { useBridgeData } from '../../components/bridge/useBridgeData.ts';
import { useT } from '../../components/i18n.tsx';
import { Page } from '../../components/Page.tsx';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';
import '../../components/bridge/bridge.css';
import type { PublicAccount } from '../../lib/model/account.ts';
import {
  chosenAccountIds,
  choiceInForce,
  readStoredChoice,
  type AccountChoice,
} from '../../lib/bridge/account-choice.ts';
import { isRunLive } from '../../lib/bridge/store.ts';
import type { BridgeRun } from '../../lib/model/bridge.ts';
import { checkedCount } from '../../lib/bridge/view.ts';
import { NETWORK_IDS } from '../../lib/networks/registry.ts';
import { send } from '../../lib/messaging/client.ts';

function Bridge() {
  const state = useSettings();
  return (
    <Page state={state} title="bridge.title">
      <BridgeBody state={state} />
    </Page>
  );
}

/**
 * Where this tab remembers the accounts picked, so a reload keeps them. Only
 * for the tab's life (sessionStorage): account ids name the user's servers,
 * and a wipe must leave nothing behind; across tabs, the last run's accounts
 * (kept in IndexedDB, which the wipe clears) stand in.
 */
const CHOICE_KEY = 'sortie.bridge.accounts';

function storedChoice(): AccountChoice | null {
  try {
    return readStoredChoice(JSON.parse(sessionStorage.getItem(CHOICE_KEY) ?? 'null'));
  } catch {
    // Unreadable (storage off, or not JSON): choose again.
    return null;
  }
}

/** The accounts picked in this tab, or in force without a pick (lib/bridge/account-choice.ts). */
function useAccountChoice(
  accounts: PublicAccount[] | null,
  run: BridgeRun | null,
): [AccountChoice, (c: AccountChoice) => void] {
  const [picked, setPicked] = useState<AccountChoice | null>(storedChoice);
  const inForce = choiceInForce(picked, accounts ?? [], run?.kind === 'match' ? run.accountIds : null);
  // The same object while the same accounts are chosen, so the results' memos hold across renders.
  const key = JSON.stringify(NETWORK_IDS.map((network) => inForce[network] ?? null));
  const choice = useMemo(() => inForce, [key]);
  const pick = (c: AccountChoice): void => {
    setPicked(c);
    try {
      sessionStorage.setItem(CHOICE_KEY, JSON.stringify(c));
    } catch {
      // Storage off: the choice lasts as long as the page.
    }
  };
  return [choice, pick];
}

function BridgeBody({ state }: { state: ReturnType<typeof useSettings> }) {
  const { t } = useT();
  const data = useBridgeData();
  const [accounts, setAccounts] = useState<PublicAccount[] | null>(null);
  useEffect(() => {
    send('accounts.list').then(setAccounts, () => setAccounts([]));
  }, []);
  const [choice, setChoice] = useAccountChoice(accounts, data.run);
  const accountIds = useMemo(() => chosenAccountIds(choice), [choice]);
  const entries = data.entries ?? [];
  const busy = data.run !== null && isRunLive(data.run, Date.now());

  return (
    <main class="bridge">
      <h1>{t('bridge.title')}</h1>
      <p>{t('bridge.intro')}</p>
      {state.error && (
        <p role="alert" class="error">
          {state.error}
        </p>
      )}
      <CollectSection entries={entries} settings={state.settings} update={state.update} onCleared={data.reload} />
      {accounts && (
        <FindSection
          accounts={accounts}
          choice={choice}
          onChoice={setChoice}
          run={data.run}
          collected={entries.length}
          checked={checkedCount(entries, accountIds)}
        />
      )}
      {data.entries && <ResultsSection entries={entries} accountIds={accountIds} choice={choice} busy={busy} />}
      <Dashboard stats={data.stats} />
      {accounts && <NoticeGenerator accounts={accounts} />}
    </main>
  );
}

render(<Bridge />, document.getElementById('app')!);
