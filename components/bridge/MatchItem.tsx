/** One X account and what was found for it, each match with its confidence, evidence and follow state. */
import type { Candidate, EvidenceKind } from '../../lib/bridge/types.ts';
import type { ResultRow } from '../../lib/bridge/view.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { webLink } from '../../lib/web-link.ts';
import { useT } from '../i18n.tsx';

const EVIDENCE: Record<EvidenceKind, MessageKey> = {
  'x-names': 'bridge.evidence.xNames',
  'names-x': 'bridge.evidence.namesX',
  'same-site': 'bridge.evidence.sameSite',
  'same-handle': 'bridge.evidence.sameHandle',
  'same-name': 'bridge.evidence.sameName',
  'similar-name': 'bridge.evidence.similarName',
  'impersonation-label': 'bridge.evidence.impersonation',
  'look-alike': 'bridge.evidence.lookAlike',
  contested: 'bridge.evidence.contested',
  'x-names-other': 'bridge.evidence.xNamesOther',
};

const CONFIDENCE: Record<Candidate['confidence'], MessageKey> = {
  sure: 'bridge.confidence.sure',
  likely: 'bridge.confidence.likely',
  unsure: 'bridge.confidence.unsure',
};

/** Evidence against a match is shown as a warning. */
const AGAINST = new Set<EvidenceKind>(['impersonation-label', 'look-alike', 'contested', 'x-names-other']);

/** `@user@host` on Mastodon, `@handle` on Bluesky: both as people write them. */
function shownHandle(c: Candidate): string {
  return `@${c.handle}`;
}

export function MatchItem({ row, busy, onFollow }: { row: ResultRow; busy: boolean; onFollow: (accountId: string, candidate: Candidate) => void }) {
  const { t } = useT();
  const { entry, candidates } = row;
  const checked = Object.keys(entry.matches).length > 0;
  return (
    <li class="bridge-row" data-testid="bridge-row" data-x={entry.key}>
      <div class="bridge-x">
        <a href={`https://x.com/${entry.x.handle}`} target="_blank" rel="noreferrer">@{entry.x.handle}</a>{' '}
        <bdi>{entry.x.displayName}</bdi>
        {entry.x.bio && <p class="muted bridge-bio"><bdi>{entry.x.bio}</bdi></p>}
      </div>
      {candidates.length === 0 ? (
        <p class="muted">{checked ? t('bridge.results.nothing') : t('bridge.results.notChecked')}</p>
      ) : (
        <ul class="bridge-candidates">
          {candidates.map(({ accountId, candidate: c }) => (
            <li
              key={`${accountId} ${c.id}`}
              class={`bridge-candidate ${c.confidence}`}
              data-testid="candidate"
              data-network={c.network}
              data-handle={c.handle}
              data-confidence={c.confidence}
              data-follow={c.follow}
            >
              <span class="network">{c.network === 'mastodon' ? 'Mastodon' : 'Bluesky'}</span>{' '}
              {/* The profile address comes from a server: only an http(s) one becomes a link. */}
              {webLink(c.url) ? (
                <a href={webLink(c.url)} target="_blank" rel="noreferrer">{shownHandle(c)}</a>
              ) : (
                <span>{shownHandle(c)}</span>
              )}{' '}
              {c.displayName && <bdi>{c.displayName}</bdi>}{' '}
              <span class={`bridge-badge ${c.confidence}`}>{t(CONFIDENCE[c.confidence])}</span>{' '}
              {c.follow === 'following' && <span class="ok">{t('bridge.results.following')}</span>}
              {c.follow === 'requested' && <span class="ok">{t('bridge.results.requested')}</span>}
              {c.follow === 'none' && (
                <button type="button" disabled={busy} onClick={() => onFollow(accountId, c)} aria-label={t('bridge.results.followLabel', { handle: shownHandle(c) })}>
                  {t('bridge.results.follow')}
                </button>
              )}
              <ul class="bridge-evidence">
                {c.evidence.map((e, i) => (
                  <li key={i} class={AGAINST.has(e.kind) ? 'warn' : ''}>
                    {t(EVIDENCE[e.kind], { detail: e.detail })}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
