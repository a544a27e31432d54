/**
 * Step 3: the results. Filter by confidence and network, follow one match or
 * every sure one from the chosen accounts, and take the lists elsewhere
 * (Mastodon's import CSV, a plain list of Bluesky handles).
 */
import { useMemo, useState } from 'preact/hooks';
import type { AccountChoice } from '../../lib/bridge/account-choice.ts';
import { blueskyHandleList, candidatesOf, mastodonAddresses, mastodonImportCsv } from '../../lib/bridge/export.ts';
import { CONFIDENCES, type BridgeEntry, type Candidate, type Confidence } from '../../lib/model/bridge.ts';
import {
  confidenceCounts,
  resultRows,
  sureTargets,
  type ConfidenceFilter,
  type NetworkFilter,
} from '../../lib/bridge/view.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { NETWORK_IDS, networkLabel } from '../../lib/networks/registry.ts';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import { useT } from '../i18n.tsx';
import { saveTextAsFile } from '../../lib/download.ts';
import { MatchItem } from './MatchItem.tsx';

const PAGE = 100;

const FILTERS: Array<[ConfidenceFilter, MessageKey]> = [
  ['sure', 'bridge.confidence.sure'],
  ['likely', 'bridge.confidence.likely'],
  ['unsure', 'bridge.confidence.unsure'],
  ['all', 'bridge.results.all'],
];

export function ResultsSection({
  entries,
  accountIds,
  choice,
  busy,
}: {
  entries: BridgeEntry[];
  accountIds: string[];
  choice: AccountChoice;
  busy: boolean;
}) {
  const { t, td } = useT();
  const [confidence, setConfidence] = useState<ConfidenceFilter>('sure');
  const [network, setNetwork] = useState<NetworkFilter>('all');
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [error, setError] = useState<string | null>(null);

  const rows = useMemo(
    () => resultRows(entries, { accountIds, choice, confidence, network, query }),
    [entries, accountIds, choice, confidence, network, query],
  );
  const counts = useMemo(() => confidenceCounts(entries, accountIds, choice), [entries, accountIds, choice]);
  const targets = useMemo(() => sureTargets(entries, accountIds), [entries, accountIds]);
  const mine = useMemo(
    () =>
      entries.map((e) => ({
        ...e,
        matches: Object.fromEntries(Object.entries(e.matches).filter(([id]) => accountIds.includes(id))),
      })),
    [entries, accountIds],
  );
  const levels: readonly Confidence[] = confidence === 'all' ? CONFIDENCES : [confidence];
  const addresses = useMemo(() => mastodonAddresses(mine, levels, choice), [mine, confidence, choice]);

  const act = (work: Promise<unknown>): void => {
    setError(null);
    work.catch((e: unknown) => setError(e instanceof SortieError ? td(e.messageKey, { detail: e.detail }) : String(e)));
  };
  const follow = (accountId: string, c: Candidate, key: string): void =>
    act(send('bridge.follow', { targets: [{ key, accountId, candidateId: c.id }] }));

  return (
    <section aria-labelledby="bridge-results-title">
      <h2 id="bridge-results-title">{t('bridge.results.title')}</h2>
      <fieldset class="bridge-filters">
        <legend>{t('bridge.results.filter')}</legend>
        {FILTERS.map(([value, key]) => (
          <label key={value} class="bridge-filter">
            <input
              type="radio"
              name="bridge-confidence"
              value={value}
              checked={confidence === value}
              onChange={() => {
                setConfidence(value);
                setShown(PAGE);
              }}
            />{' '}
            {t(key)} {value !== 'all' && <span class="muted">({counts[value]})</span>}
          </label>
        ))}
        <label>
          {t('bridge.results.network')}{' '}
          <select value={network} onChange={(e) => setNetwork(e.currentTarget.value as NetworkFilter)}>
            <option value="all">{t('bridge.results.allNetworks')}</option>
            {NETWORK_IDS.map((n) => (
              <option key={n} value={n}>
                {networkLabel(n)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('bridge.results.search')}{' '}
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
      </fieldset>
      <div class="row bridge-actions">
        <button
          type="button"
          class="primary"
          disabled={busy || targets.length === 0}
          onClick={() => act(send('bridge.follow', { targets }))}
        >
          {t('bridge.results.followAllSure', { n: targets.length })}
        </button>{' '}
        {addresses.length > 0 ? (
          <button
            type="button"
            onClick={() => saveTextAsFile('sortie-mastodon-follows.csv', mastodonImportCsv(addresses), 'text/csv')}
          >
            {t('bridge.results.exportCsv')}
          </button>
        ) : (
          <span class="muted" data-testid="bridge-no-csv">
            {t('bridge.results.noMastodonExport')}
          </span>
        )}{' '}
        <button
          type="button"
          onClick={() =>
            saveTextAsFile(
              'sortie-bluesky-handles.txt',
              blueskyHandleList(candidatesOf(mine, 'bluesky', levels).map((c) => c.handle)),
              'text/plain',
            )
          }
        >
          {t('bridge.results.exportHandles')}
        </button>
      </div>
      <p class="muted">{t('bridge.results.likelyHint')}</p>
      <p class="muted">{t('bridge.results.exportHint')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {rows.length === 0 ? (
        <p class="placeholder" data-testid="bridge-empty">
          {t('bridge.results.empty')}
        </p>
      ) : (
        <ul class="bridge-rows" data-testid="bridge-rows">
          {rows.slice(0, shown).map((row) => (
            <MatchItem
              key={row.entry.key}
              row={row}
              busy={busy}
              onFollow={(accountId, c) => follow(accountId, c, row.entry.key)}
            />
          ))}
        </ul>
      )}
      {rows.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          {t('bridge.results.more', { n: rows.length - shown })}
        </button>
      )}
    </section>
  );
}
