/**
 * The "Import my X archive" page body: pick the ZIP, watch it being read,
 * then choose what to import and where, see how posts will look and how long
 * the networks' limits make it take, and start.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { PublicAccount } from '../../lib/model/account.ts';
import type { Network } from '../../lib/model/draft.ts';
import { importCost, mapTweet, type MapContext } from '../../lib/archive/map.ts';
import { DEFAULT_IMPORT_FILTERS, type ImportCost } from '../../lib/archive/model.ts';
import type { ImportFilters } from '../../lib/model/import.ts';
import { previewArchive } from '../../lib/archive/preview.ts';
import type { ArchiveReading } from '../../lib/archive/read.ts';
import { planImport } from '../../lib/archive/schedule.ts';
import { mapTargetFor, originalTweetLink } from '../../lib/archive/targets.ts';
import type { ArchiveZip } from '../../lib/archive/zip.ts';
import { useT } from '../i18n.tsx';
import { ArchiveFilters } from './ArchiveFilters.tsx';
import { ArchiveSamples } from './ArchiveSamples.tsx';
import { NETWORK_IDS, NETWORKS, networkLabel } from '../../lib/networks/registry.ts';
import { textRulesOf } from '../../lib/networks/text-registry.ts';
import { formatDuration } from './time.ts';
import { useArchiveReading } from './useArchiveReading.ts';

export interface StartRequest {
  file: File;
  filters: ImportFilters;
  accountIds: string[];
  /** The mirror the preview linked original tweets to: the import links them the same way. */
  mirror: { origin: string; scheme: string } | null;
}

export type StartResult = { ok: true } | { ok: false; messageKey: string; detail: string };

export interface ArchiveImportProps {
  accounts: PublicAccount[];
  /** The user's current X mirror, for links to original tweets. */
  mirror: { origin: string; scheme: string } | null;
  onStart: (request: StartRequest) => Promise<StartResult>;
  /** Called once an import has started (the page re-reads the list of imports). */
  onStarted: () => void;
}

export function ArchiveImport(props: ArchiveImportProps) {
  const { t } = useT();
  const [state, pick] = useArchiveReading();
  return (
    <>
      <div>
        <label>
          {t('archive.pick.label')}{' '}
          <input
            type="file"
            accept=".zip,application/zip"
            aria-describedby="archive-pick-help"
            onChange={(e) => pick(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <p id="archive-pick-help" class="muted">
          {t('archive.pick.help')}
        </p>
        {state.phase === 'reading' && (
          <div>
            <progress max={Math.max(1, state.total)} value={state.done} aria-label={t('archive.reading.label')} />
            <p role="status">{t('archive.reading', { done: state.done, total: state.total })}</p>
          </div>
        )}
        {state.phase === 'failed' && (
          <p role="alert" class="error">
            {state.code === 'failed'
              ? t('archive.read.failed', { detail: state.detail })
              : t(`archive.read.${state.code}`)}
          </p>
        )}
      </div>
      {state.phase === 'read' && (
        <ArchivePreviewSection
          key={state.file.name + state.file.size}
          {...props}
          file={state.file}
          zip={state.zip}
          reading={state.reading}
        />
      )}
    </>
  );
}

function Summary({ reading }: { reading: ArchiveReading }) {
  const { t, lang } = useT();
  const { tweets, account, issues } = reading;
  const date = (ms: number) => new Date(ms).toLocaleDateString(lang, { dateStyle: 'medium' });
  return (
    <div>
      <p role="status">
        {tweets.length === 0
          ? t('archive.summary.empty')
          : t('archive.summary', {
              total: tweets.length,
              username: account?.username ?? '?',
              from: date((tweets[0] as { createdAt: number }).createdAt),
              to: date((tweets[tweets.length - 1] as { createdAt: number }).createdAt),
            })}
      </p>
      {reading.longFromNotes > 0 && <p class="muted">{t('archive.summary.notes', { n: reading.longFromNotes })}</p>}
      {issues.malformed > 0 && <p class="warn">{t('archive.issues.malformed', { n: issues.malformed })}</p>}
      {issues.missingMedia > 0 && <p class="warn">{t('archive.issues.missingMedia', { n: issues.missingMedia })}</p>}
      {issues.duplicates > 0 && <p class="warn">{t('archive.issues.duplicates', { n: issues.duplicates })}</p>}
      {issues.unreadableFiles.length > 0 && (
        <p class="warn">{t('archive.issues.unreadable', { files: issues.unreadableFiles.join(', ') })}</p>
      )}
    </div>
  );
}

function defaultAccountIds(accounts: readonly PublicAccount[]): string[] {
  // A network that cannot backdate (Mastodon) is off unless chosen: an import there is a burst of new posts.
  return accounts.filter((a) => NETWORKS[a.network].capabilities.backdatedPosts && a.status === 'ok').map((a) => a.id);
}

function ArchivePreviewSection({
  accounts,
  mirror,
  onStart,
  onStarted,
  file,
  zip,
  reading,
}: ArchiveImportProps & { file: File; zip: ArchiveZip; reading: ArchiveReading }) {
  const { t, td, lang } = useT();
  const [filters, setFilters] = useState<ImportFilters>(DEFAULT_IMPORT_FILTERS);
  const [accountIds, setAccountIds] = useState<string[]>(() => defaultAccountIds(accounts));
  const [start, setStart] = useState<{ phase: 'idle' | 'starting' | 'started' } | { phase: 'error'; text: string }>({
    phase: 'idle',
  });

  const chosenAccounts = accounts.filter((a) => accountIds.includes(a.id));
  const contextFor = (account: Pick<PublicAccount, 'network' | 'serverInfo'>): MapContext => ({
    target: mapTargetFor(account),
    tweetLink: (id) => originalTweetLink(reading.account?.username ?? '', id, mirror),
    replyLink: (user, id) => originalTweetLink(user, id, mirror),
    sizeOf: zip.sizeOf,
    lang,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  // Samples for the networks chosen (both when none is, so the user sees what each would get).
  const sampleAccounts: Array<Pick<PublicAccount, 'network' | 'serverInfo'>> = [];
  for (const network of ['bluesky', 'mastodon'] as const) {
    const account = chosenAccounts.find((a) => a.network === network);
    if (account) sampleAccounts.push(account);
  }
  if (sampleAccounts.length === 0) sampleAccounts.push({ network: 'bluesky' }, { network: 'mastodon' });
  const sampleNetworks: Network[] = sampleAccounts.map((a) => a.network);

  const preview = useMemo(
    () => previewArchive(reading.tweets, filters, sampleAccounts.map(contextFor)),
    [reading, filters, accountIds.join(), lang, mirror],
  );
  // A tweet's cost depends on the account's limits, not on the filters: each is counted once per
  // account, as if its thread were imported whole, so a filter change only re-plans (20,000 tweets).
  const costs = useRef(new Map<string, Map<string, ImportCost>>());
  const plan = useMemo(() => {
    const now = Date.now();
    return planImport(
      chosenAccounts.map((a) => {
        const key = `${a.id}|${lang}|${mirror?.origin ?? ''}`;
        let known = costs.current.get(key);
        if (!known) costs.current.set(key, (known = new Map()));
        const ctx = contextFor(a);
        const list = preview.chosen.map((tweet) => {
          let cost = known.get(tweet.id);
          if (!cost) known.set(tweet.id, (cost = importCost(mapTweet(tweet, tweet.inReplyToOwnId, ctx))));
          return cost;
        });
        return { accountId: a.id, network: a.network, costs: list };
      }),
      now,
    );
  }, [preview, accountIds.join(), lang, mirror]);

  const toggleAccount = (id: string, on: boolean) =>
    setAccountIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  const canStart =
    preview.chosen.length > 0 && chosenAccounts.length > 0 && start.phase !== 'starting' && start.phase !== 'started';
  const onStartClick = async () => {
    setStart({ phase: 'starting' });
    const result = await onStart({ file, filters, accountIds: chosenAccounts.map((a) => a.id), mirror });
    if (result.ok) {
      setStart({ phase: 'started' });
      onStarted();
    } else setStart({ phase: 'error', text: td(result.messageKey, { detail: result.detail }) });
  };

  return (
    <>
      <Summary reading={reading} />
      <ArchiveFilters counts={preview.all} filters={filters} onChange={setFilters} />
      <p role="status" data-testid="archive-selected">
        {t('archive.selected', {
          n: preview.selected.total,
          photos: preview.selected.media.photo,
          videos: preview.selected.media.video,
          gifs: preview.selected.media.animated_gif,
        })}
      </p>
      <section aria-labelledby="archive-accounts-title">
        <h2 id="archive-accounts-title">{t('archive.accounts.title')}</h2>
        {accounts.length === 0 && <p class="warn">{t('archive.accounts.none')}</p>}
        <fieldset>
          <legend class="visually-hidden">{t('archive.accounts.title')}</legend>
          {accounts.map((a) => (
            <label class="toggle" key={a.id}>
              <input
                type="checkbox"
                checked={accountIds.includes(a.id)}
                onChange={(e) => toggleAccount(a.id, e.currentTarget.checked)}
              />{' '}
              {t('archive.accounts.pick', { network: networkLabel(a.network), handle: a.handle })}
            </label>
          ))}
        </fieldset>
        {NETWORK_IDS.filter((n) => accounts.some((a) => a.network === n)).map((n) => (
          <p key={n} class="muted">
            {t(textRulesOf(n).importNote)}
          </p>
        ))}
        {plan.accounts.map((p) => {
          const account = chosenAccounts.find((a) => a.id === p.accountId);
          return (
            <p key={p.accountId}>
              {t('archive.plan.account', {
                handle: account?.handle ?? p.accountId,
                posts: p.at.length,
                network: networkLabel(p.network),
                time: formatDuration((p.endsAt - (p.at[0] ?? p.endsAt)) / 3_600_000, t),
              })}
            </p>
          );
        })}
        {plan.accounts.length > 0 && (
          <p data-testid="archive-plan-total">{t('archive.plan.total', { time: formatDuration(plan.hours, t) })}</p>
        )}
      </section>
      <ArchiveSamples samples={preview.samples} networks={sampleNetworks} />
      <p>
        <button
          type="button"
          disabled={!canStart}
          aria-describedby={canStart ? undefined : 'archive-start-why'}
          onClick={() => void onStartClick()}
        >
          {t('archive.start')}
        </button>
      </p>
      {!canStart && start.phase === 'idle' && (
        <p id="archive-start-why" class="muted">
          {t('archive.start.nothing')}
        </p>
      )}
      {start.phase === 'started' && <p role="status">{t('archive.started')}</p>}
      {start.phase === 'error' && (
        <p role="alert" class="error">
          {start.text}
        </p>
      )}
    </>
  );
}
