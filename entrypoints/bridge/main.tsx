/**
 * The follow bridge page (issue 8): collect the people followed on X, find
 * them on Mastodon and Bluesky, follow them; the exit dashboard and the
 * "moved" notice.
 */
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CollectSection } from '../../components/bridge/CollectSection.tsx';
import { Dashboard } from '../../components/bridge/Dashboard.tsx';
import { FindSection, type AccountChoice } from '../../components/bridge/FindSection.tsx';
import { NoticeGenerator } from '../../components/bridge/NoticeGenerator.tsx';
import { ResultsSection } from '../../components/bridge/ResultsSection.tsx';
import { useBridgeData } from '../../components/bridge/useBridgeData.ts';
import { useT } from '../../components/i18n.tsx';
import { Page } from '../../components/Page.tsx';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';
import '../../components/bridge/bridge.css';
import type { PublicAccount } from '../../lib/accounts/account.ts';
import { isRunLive } from '../../lib/bridge/store.ts';
import { checkedCount } from '../../lib/bridge/view.ts';
import { send } from '../../lib/messaging/client.ts';

function Bridge() {
  const state = useSettings();
  return (
    <Page state={state} title="bridge.title">
      <BridgeBody state={state} />
    </Page>
  );
}

/** Where the page remembers the accounts chosen (ids only), so a reload keeps them. */
const CHOICE_KEY = 'sortie.bridge.accounts';

function storedChoice(): AccountChoice | null {
  try {
    const value = JSON.parse(localStorage.getItem(CHOICE_KEY) ?? 'null') as Partial<AccountChoice> | null;
    if (!value || typeof value !== 'object') return null;
    const id = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    return { bluesky: id(value.bluesky), mastodon: id(value.mastodon) };
  } catch {
    // Unreadable (storage off, or not JSON): choose again.
    return null;
  }
}

/**
 * The accounts chosen last time (while they still exist), else the first
 * account of each network, until the user picks another (or none).
 */
function useAccountChoice(accounts: PublicAccount[] | null): [AccountChoice, (c: AccountChoice) => void] {
  const [picked, setPicked] = useState<AccountChoice | null>(storedChoice);
  const exists = (id: string | null, network: PublicAccount['network']): boolean => id === null || (accounts?.some((a) => a.id === id && a.network === network) ?? false);
  const fallback: AccountChoice = {
    bluesky: accounts?.find((a) => a.network === 'bluesky')?.id ?? null,
    mastodon: accounts?.find((a) => a.network === 'mastodon')?.id ?? null,
  };
  const choice = picked && accounts && exists(picked.bluesky, 'bluesky') && exists(picked.mastodon, 'mastodon') ? picked : fallback;
  const pick = (c: AccountChoice): void => {
    setPicked(c);
    try {
      localStorage.setItem(CHOICE_KEY, JSON.stringify(c));
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
  const [choice, setChoice] = useAccountChoice(accounts);
  const accountIds = useMemo(() => [choice.bluesky, choice.mastodon].filter((id): id is string => id !== null), [choice.bluesky, choice.mastodon]);
  const entries = data.entries ?? [];
  const busy = data.run !== null && isRunLive(data.run, Date.now());

  return (
    <main class="bridge">
      <h1>{t('bridge.title')}</h1>
      <p>{t('bridge.intro')}</p>
      {state.error && <p role="alert" class="error">{state.error}</p>}
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
      {data.entries && <ResultsSection entries={entries} accountIds={accountIds} mastodonAccountId={choice.mastodon} busy={busy} />}
      <Dashboard stats={data.stats} />
      {accounts && <NoticeGenerator accounts={accounts} />}
    </main>
  );
}

render(<Bridge />, document.getElementById('app')!);
