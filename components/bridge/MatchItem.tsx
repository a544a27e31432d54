/**
 * One X account and what was found for it: each match with its confidence,
 * its own name, avatar and bio beside the X person's (so a "likely" can be
 * judged), the evidence for and against in plain words, and its follow
 * state; then the fediverse addresses the X profile wrote that no lookup
 * verified. Avatars and links are shown only when they are http(s).
 */
import type { Candidate, EvidenceKind } from '../../lib/model/bridge.ts';
import { AGAINST, type ResultRow, type WrittenAddress } from '../../lib/bridge/view.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { webLink } from '../../lib/web-link.ts';
import { useT } from '../i18n.tsx';
import { networkLabel } from '../../lib/networks/registry.ts';

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
  'x-names-affiliation': 'bridge.evidence.xNamesAffiliation',
  'name-differs': 'bridge.evidence.nameDiffers',
  parody: 'bridge.evidence.parody',
  organisation: 'bridge.evidence.organisation',
  'new-account': 'bridge.evidence.newAccount',
};

const ADDRESS_REASON: Record<WrittenAddress['reason'], MessageKey> = {
  'no-account': 'bridge.results.addressNoAccount',
  'not-checked': 'bridge.results.addressNotChecked',
  unreachable: 'bridge.results.addressUnreachable',
};

const CONFIDENCE: Record<Candidate['confidence'], MessageKey> = {
  sure: 'bridge.confidence.sure',
  likely: 'bridge.confidence.likely',
  unsure: 'bridge.confidence.unsure',
};

/** `@user@host` on Mastodon, `@handle` on Bluesky: both as people write them. */
function shownHandle(c: Candidate): string {
  return `@${c.handle}`;
}

function EvidenceLists({ evidence }: { evidence: Candidate['evidence'] }) {
  const { t } = useT();
  const pro = evidence.filter((e) => !AGAINST.has(e.kind));
  const con = evidence.filter((e) => AGAINST.has(e.kind));
  return (
    <div class="bridge-evidence-lists">
      {pro.length > 0 && (
        <div>
          <span class="bridge-evidence-title">{t('bridge.evidence.for')}</span>
          <ul class="bridge-evidence" data-testid="evidence-for">
            {pro.map((e, i) => (
              <li key={i}>{t(EVIDENCE[e.kind], { detail: e.detail })}</li>
            ))}
          </ul>
        </div>
      )}
      {con.length > 0 && (
        <div>
          <span class="bridge-evidence-title warn">{t('bridge.evidence.against')}</span>
          <ul class="bridge-evidence" data-testid="evidence-against">
            {con.map((e, i) => (
              <li key={i} class="warn">
                {t(EVIDENCE[e.kind], { detail: e.detail })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The account's own face: avatar (http(s) only, no referrer), display name, bio. */
function Profile({ name, bio, avatar }: { name: string; bio: string; avatar?: string | null }) {
  const src = avatar ? webLink(avatar) : null;
  return (
    <div class="bridge-profile">
      {src && (
        <img
          class="bridge-avatar"
          src={src}
          alt=""
          width={40}
          height={40}
          referrerpolicy="no-referrer"
          loading="lazy"
          data-testid="candidate-avatar"
        />
      )}
      <div>
        {name && <bdi class="bridge-name">{name}</bdi>}
        {bio && (
          <p class="muted bridge-bio" data-testid="candidate-bio">
            <bdi>{bio}</bdi>
          </p>
        )}
      </div>
    </div>
  );
}

export function MatchItem({
  row,
  busy,
  onFollow,
}: {
  row: ResultRow;
  busy: boolean;
  onFollow: (accountId: string, candidate: Candidate) => void;
}) {
  const { t } = useT();
  const { entry, candidates, addresses } = row;
  const checked = Object.keys(entry.matches).length > 0;
  return (
    <li class="bridge-row" data-testid="bridge-row" data-x={entry.key}>
      <div class="bridge-x">
        <span class="network">{t('bridge.results.onX')}</span>{' '}
        <a href={`https://x.com/${encodeURIComponent(entry.x.handle)}`} target="_blank" rel="noreferrer">
          @{entry.x.handle}
        </a>
        <Profile name={entry.x.displayName} bio={entry.x.bio} />
      </div>
      {candidates.length === 0 && addresses.length === 0 ? (
        <p class="muted">{checked ? t('bridge.results.nothing') : t('bridge.results.notChecked')}</p>
      ) : (
        <ul class="bridge-candidates">
          {candidates.map(({ accountId, candidate: c }) => {
            const href = webLink(c.url);
            return (
              <li
                key={`${accountId} ${c.id}`}
                class={`bridge-candidate ${c.confidence}`}
                data-testid="candidate"
                data-network={c.network}
                data-handle={c.handle}
                data-confidence={c.confidence}
                data-follow={c.follow}
              >
                <span class="network">{networkLabel(c.network)}</span>{' '}
                {href ? (
                  <a href={href} target="_blank" rel="noreferrer">
                    {shownHandle(c)}
                  </a>
                ) : (
                  <span>{shownHandle(c)}</span>
                )}{' '}
                <span class={`bridge-badge ${c.confidence}`}>{t(CONFIDENCE[c.confidence])}</span>{' '}
                {c.follow === 'following' && <span class="ok">{t('bridge.results.following')}</span>}
                {c.follow === 'requested' && <span class="ok">{t('bridge.results.requested')}</span>}
                {c.follow === 'none' && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => onFollow(accountId, c)}
                    aria-label={t('bridge.results.followLabel', { handle: shownHandle(c) })}
                  >
                    {t('bridge.results.follow')}
                  </button>
                )}
                <Profile name={c.displayName} bio={c.bio} avatar={c.avatar} />
                <EvidenceLists evidence={c.evidence} />
              </li>
            );
          })}
          {addresses.map((a) => (
            <li
              key={`written ${a.network} ${a.acct}`}
              class={`bridge-candidate ${a.confidence}`}
              data-testid="written-address"
              data-handle={a.acct}
              data-confidence={a.confidence}
              data-reason={a.reason}
            >
              <span class="network">{networkLabel(a.network)}</span> <bdi>@{a.acct}</bdi>{' '}
              <span class={`bridge-badge ${a.confidence}`}>{t(CONFIDENCE[a.confidence])}</span>
              <p class="muted">
                {t('bridge.results.address')}. {t(ADDRESS_REASON[a.reason])}
              </p>
              <EvidenceLists evidence={a.evidence} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
