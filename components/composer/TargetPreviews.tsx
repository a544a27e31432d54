/**
 * For each chosen account: the counter exactly as that network counts, and
 * the thread as it will be posted. Going over a limit is announced.
 */
import type { PublicAccount } from '../../lib/accounts/account.ts';
import type { AdaptWarning } from '../../lib/compose/adapt.ts';
import type { Draft } from '../../lib/compose/draft.ts';
import { mapInteractionToMastodon } from '../../lib/networks/mastodon-interaction.ts';
import type { TargetPreview } from '../../lib/compose/preview.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { useT } from '../i18n.tsx';
import type { UnresolvedMentions } from './useUnresolvedMentions.ts';

export function counterText(p: TargetPreview, t: (k: MessageKey, params?: Record<string, string | number>) => string): string {
  if (p.network === 'mastodon') return t('compose.counter.mastodon', { used: p.count.used, limit: p.count.limit });
  return t('compose.counter.bluesky', { used: p.count.graphemes, limit: p.count.graphemeLimit, bytes: p.count.bytes, byteLimit: p.count.byteLimit });
}

function warningKey(w: AdaptWarning): MessageKey {
  return `compose.warning.${w.code}` as MessageKey;
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
          {t('notice.mastodon.visibilityChanged', { visibility: t(`compose.visibility.${mapped.visibility}` as MessageKey) })}
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
}

export function TargetPreviews({ previews, accounts, draft, unresolvedMentions }: Props) {
  const { t, td } = useT();
  return (
    <section class="previews" aria-label={t('compose.preview')}>
      {previews.map((p) => {
        const account = accounts.find((a) => a.id === p.accountId);
        const over = p.overLimit;
        return (
          <article key={p.accountId} class="preview" data-network={p.network} data-testid={`preview-${p.network}`}>
            <h3>
              {p.network === 'mastodon' ? 'Mastodon' : 'Bluesky'} {account?.handle}
            </h3>
            <p class={over ? 'error counter' : 'counter'} data-testid={`counter-${p.network}`} aria-live="polite">
              {counterText(p, t)}
              {over && <strong> — {t('compose.overLimit')}</strong>}
            </p>
            {p.parts.length > 1 && (
              <ol class="parts" aria-label={t('compose.threadParts', { n: p.parts.length })}>
                {p.parts.map((text, i) => (
                  <li key={i} class={p.partsOver[i] ? 'error' : ''}>
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
              .filter((w) => w.code !== 'split')
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
