/**
 * For each chosen account, the post drawn as that network will show it:
 * avatar, name and handle, the text with its links, mentions and tags as
 * they will be linked (lib/compose/rich.ts), the images, the content warning
 * collapsed on Mastodon, a thread with its connectors and numbers. Above it,
 * the counter in that network's own units. Going over a limit is announced;
 * an empty draft is not an error.
 */
import type { PublicAccount } from '../../lib/model/account.ts';
import type { AdaptWarning } from '../../lib/compose/adapt.ts';
import { hueOf, initialsOf } from '../../lib/compose/avatar.ts';
import { counterPhrases } from '../../lib/compose/counter.ts';
import type { Draft, DraftImage } from '../../lib/model/draft.ts';
import { mapInteractionToMastodon } from '../../lib/networks/mastodon/interaction.ts';
import { partAt, type TargetPreview } from '../../lib/compose/preview.ts';
import { richRuns } from '../../lib/compose/rich.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { useT } from '../i18n.tsx';
import type { Network } from '../../lib/networks/network.ts';
import { NETWORKS, networkLabel } from '../../lib/networks/registry.ts';
import { textRulesOf, type CountOf } from '../../lib/networks/text-registry.ts';
import { useMediaUrl } from './useMediaUrl.ts';
import type { UnresolvedMentions } from './useUnresolvedMentions.ts';

type T = (k: MessageKey, params?: Record<string, string | number>) => string;

/** The numbers the counter needs, in the network's own unit (its text rules say which). */
function counterFacts(p: TargetPreview, draft: Draft, caretPart: number) {
  const rules = textRulesOf(p.network);
  const used = (count: CountOf<Network>) => rules.counted(count).used;
  return {
    posts: p.parts.length,
    limit: rules.counted(p.count).limit,
    totalUsed: used(p.total),
    caretPart,
    partUsed: (k: number) => used(rules.count(p.parts[k] ?? '', draft.contentWarning, p.limits)),
  };
}

/** The counter in words: the whole text, the number of posts, the caret's post. */
export function counterText(
  p: TargetPreview,
  draft: Draft,
  t: T,
  format: (n: number) => string,
  caretPart: number,
): string {
  return counterPhrases(counterFacts(p, draft, caretPart))
    .map(({ key, params }) =>
      t(key, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k === 'n' || k === 'k' ? v : format(v)]))),
    )
    .join(' · ');
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

function PreviewImage({ image }: { image: DraftImage }) {
  const url = useMediaUrl(image.mediaId);
  return <div class="grid-cell">{url && <img src={url} alt={image.alt} />}</div>;
}

/** The images as the network lays them out: one wide, two side by side, three or four in a grid. */
function ImageGrid({ images }: { images: DraftImage[] }) {
  if (images.length === 0) return null;
  return (
    <div class="image-grid" data-count={Math.min(images.length, 4)}>
      {images.slice(0, 4).map((img) => (
        <PreviewImage key={img.mediaId} image={img} />
      ))}
    </div>
  );
}

function RichText({ text, network }: { text: string; network: TargetPreview['network'] }) {
  return (
    <p class="post-text" dir="auto">
      {richRuns(text, network).map((run, i) =>
        run.kind === 'text' ? (
          run.text
        ) : (
          <span key={i} class={`rich-${run.kind}`}>
            {run.text}
          </span>
        ),
      )}
    </p>
  );
}

function PostCard({
  p,
  account,
  text,
  index,
  draft,
  current,
}: {
  p: TargetPreview;
  account: PublicAccount | undefined;
  text: string;
  index: number;
  draft: Draft;
  current: boolean;
}) {
  const { t } = useT();
  const handle = account?.handle ?? '';
  const count = p.parts.length;
  const over = p.partsOver[index] === true;
  const body =
    text === '' ? (
      <p class="post-text muted">{t('compose.preview.empty')}</p>
    ) : (
      <RichText text={text} network={p.network} />
    );
  const cw = draft.contentWarning.trim();
  return (
    <li class={`post${over ? ' over' : ''}`} aria-current={current ? 'true' : undefined}>
      <span class="avatar" aria-hidden="true" style={{ '--hue': String(hueOf(handle)) }}>
        {initialsOf(account?.displayName ?? '', handle)}
      </span>
      <div class="post-body">
        <p class="post-author">
          <span class="post-name">{account?.displayName || handle}</span>{' '}
          <span class="post-handle">{handle.startsWith('@') ? handle : `@${handle}`}</span>
          {count > 1 && <span class="post-number">{t('compose.preview.number', { n: index + 1, total: count })}</span>}
        </p>
        {NETWORKS[p.network].capabilities.contentWarnings && cw !== '' ? (
          <details class="post-cw">
            <summary>
              <span dir="auto">{cw}</span> <span class="post-cw-more">{t('compose.preview.showMore')}</span>
            </summary>
            {body}
            {index === 0 && <ImageGrid images={draft.images} />}
          </details>
        ) : (
          <>
            {NETWORKS[p.network].capabilities.selfLabels && draft.labels[0] && (
              <p class="post-label">{t(`compose.label.${draft.labels[0]}` as MessageKey)}</p>
            )}
            {body}
            {index === 0 && <ImageGrid images={draft.images} />}
          </>
        )}
        {over && <p class="error">{t('compose.overLimit')}</p>}
      </div>
    </li>
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
  if (previews.length === 0) return null;
  return (
    <section class="previews" aria-labelledby="previews-title">
      <h2 id="previews-title" class="visually-hidden">
        {t('compose.preview')}
      </h2>
      {previews.map((p) => {
        const account = accounts.find((a) => a.id === p.accountId);
        const over = p.overLimit;
        // The caret is in the shared text: it says nothing about a network with its own text.
        const caretPart = caret !== null && draft.overrides[p.network] === undefined ? partAt(p.split, caret) : -1;
        const parts = p.parts.length > 0 ? p.parts : [''];
        return (
          <article key={p.accountId} class="preview" data-network={p.network} data-testid={`preview-${p.network}`}>
            <header class="preview-head">
              <h3>
                {networkLabel(p.network)} <span class="muted">{account?.handle}</span>
              </h3>
              <p class={over ? 'error counter' : 'counter'} data-testid={`counter-${p.network}`} aria-live="polite">
                {counterText(p, draft, t, format, caretPart)}
                {over && <strong> — {t('compose.overLimit')}</strong>}
              </p>
            </header>
            {p.overBytes && (
              <p class="note" data-testid="bluesky-bytes">
                {t('compose.counter.bytes')}
              </p>
            )}
            <ol
              class="parts"
              aria-label={
                parts.length > 1
                  ? t('compose.threadParts', { n: parts.length })
                  : t('compose.preview.onNetwork', { network: networkLabel(p.network) })
              }
            >
              {parts.map((text, i) => (
                <PostCard
                  key={i}
                  p={p}
                  account={account}
                  text={text}
                  index={i}
                  draft={draft}
                  current={i === caretPart && parts.length > 1}
                />
              ))}
            </ol>
            {NETWORKS[p.network].capabilities.interactionThroughVisibility && (
              <MastodonNotices draft={draft} account={account} />
            )}
            {unresolvedMentions[p.network].length > 0 && (
              <p class="warn" role="status" data-testid="unresolved-mentions">
                {t(NETWORKS[p.network].unresolvedMentionsMessage, {
                  handles: unresolvedMentions[p.network].map((h) => `@${h}`).join(', '),
                })}
              </p>
            )}
            {p.warnings
              .filter((w) => !SAID_ELSEWHERE.has(w.code))
              .map((w) => (
                <p
                  key={w.code}
                  class={w.severity === 'error' ? 'error' : 'warn'}
                  role={w.severity === 'error' ? 'alert' : undefined}
                >
                  {td(warningKey(w))}
                </p>
              ))}
          </article>
        );
      })}
    </section>
  );
}
