/**
 * For each chosen account: the counter exactly as that network counts, and
 * the thread as it will be posted (line and paragraph breaks shown as they
 * are sent). Going over a limit is announced; an empty draft is not an error.
 */
import type { PublicAccount } from '../../lib/model/account.ts';
import type { AdaptWarning } from '../../lib/compose/adapt.ts';
import type { Draft } from '../../lib/model/draft.ts';
import { mapInteractionToMastodon } from '../../lib/networks/mastodon/interaction.ts';
import { partAt, type TargetPreview } from '../../lib/compose/preview.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { useT } from '../i18n.tsx';
import type { UnresolvedMentions } from './useUnresolvedMentions.ts';
import { networkLabel } from '../../lib/networks/registry.ts';

type T = (k: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The counter in words: one post is "used / limit"; a thread says so, with
 * the whole text's length (what is sent, not part 1's) and, when the caret is
 * in this network's text, which post it is in.
 */
export function counterText(p: TargetPreview, t: T, format: (n: number) => string, caretPart: number): string {
  const mastodon = p.network === 'mastodon';
  const limit = mastodon ? p.count.limit : p.count.graphemeLimit;
  if (p.parts.length <= 1) {
    const used = mastodon ? p.count.used : p.count.graphemes;
    return t(mastodon ? 'compose.counter.mastodon' : 'compose.counter.bluesky', { used: format(used), limit: format(limit) });
  }
  const used = mastodon ? p.total.used : p.total.graphemes;
  const thread = t('compose.counter.thread', { n: p.parts.length, used: format(used), limit: format(limit) });
  return caretPart >= 0 ? `${thread} · ${t('compose.counter.caret', { k: caretPart + 1 })}` : thread;
}

/** Said in the counter or in the Post button's reason instead: not a warning under each network. */
const SAID_ELSEWHERE = new Set<AdaptWarning['code']>(['split', 'empty']);

function warningKey(w: AdaptWarning): MessageKey {
  return `compose.warning.${w.code}`;
}

/** What Mastodon will do with "who can reply/quote" on this server, said before posting. */
function MastodonNotices({ draft, account }: { draft: Draft; account: PublicAccount | undefined }) {
  const { t, td } = useT();
  const mapped = mapInteractionToMastodon(draft.interaction, draft.visibility, {
    supportsQuotePolicy: account?.serverInfo?.supportsQuotePolicy ?? false,
  });
  return (
    <>
      {mapped.visibility !== draft.visibility && (
        <p class="notice" role="status" data-testid="notice-visibility">
          {t('notice.mastodon.visibilityChanged', { visibility: t(`compose.visibility.${mapped.visibility}`) })}
        </p>
      )}
      {mapped.notApplied.map((key) => (
        <p key={key} class="warn" role="status" data-testid="notice-not-applied">
          {td(key)}
        </p>
      ))}
    </>
  );
}

interface Props {
  previews: TargetPreview[];
  accounts: PublicAccount[];
  draft: Draft;
  /** Mentions that match no account, per network. */
  unresolvedMentions: UnresolvedMentions;
  /** UTF-16 offset of the caret in the shared text, or null when it is not there. */
  caret: number | null;
}

export function TargetPreviews({ previews, accounts, draft, unresolvedMentions, caret }: Props) {
  const { t, td, lang } = useT();
  const numbers = new Intl.NumberFormat(lang);
  const format = (n: number) => numbers.format(n);
  return (
    <section class="previews" aria-label={t('compose.preview')}>
      {previews.map((p) => {
        const account = accounts.find((a) => a.id === p.accountId);
        const over = p.overLimit;
        // The caret is in the shared text: it says nothing about a network with its own text.
        const caretPart = caret !== null && draft.overrides[p.network] === undefined ? partAt(p.split, caret) : -1;
        return (
          <article key={p.accountId} class="preview" data-network={p.network} data-testid={`preview-${p.network}`}>
            <h3>
              {networkLabel(p.network)} {account?.handle}
            </h3>
            <p class={over ? 'error counter' : 'counter'} data-testid={`counter-${p.network}`} aria-live="polite">
              {counterText(p, t, format, caretPart)}
              {over && <strong> — {t('compose.overLimit')}</strong>}
            </p>
            {p.network === 'bluesky' && p.total.bytes > p.total.byteLimit && (
              <p class="note" data-testid="bluesky-bytes">{t('compose.counter.bytes', { byteLimit: format(p.total.byteLimit) })}</p>
            )}
            {p.parts.length > 1 && (
              <ol class="parts" aria-label={t('compose.threadParts', { n: p.parts.length })}>
                {p.parts.map((text, i) => (
                  <li key={i} class={p.partsOver[i] ? 'error' : ''} aria-current={i === caretPart ? 'true' : undefined}>
                    {text}
                  </li>
                ))}
              </ol>
            )}
            {p.network === 'mastodon' && <MastodonNotices draft={draft} account={account} />}
            {unresolvedMentions[p.network].length > 0 && (
              <p class="warn" role="status" data-testid="unresolved-mentions">
                {t(p.network === 'bluesky' ? 'compose.warning.unresolvedMentions' : 'compose.warning.unresolvedMentionsMastodon', {
                  handles: unresolvedMentions[p.network].map((h) => `@${h}`).join(', '),
                })}
              </p>
            )}
            {p.warnings
              .filter((w) => !SAID_ELSEWHERE.has(w.code))
              .map((w) => (
                <p key={w.code} class={w.severity === 'error' ? 'error' : 'warn'} role={w.severity === 'error' ? 'alert' : undefined}>
                  {td(warningKey(w))}
                </p>
              ))}
          </article>
        );
      })}
    </section>
  );
}
