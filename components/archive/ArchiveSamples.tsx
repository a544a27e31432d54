/** A few of the user's tweets as each chosen network will receive them. */
import type { Network } from '../../lib/model/draft.ts';
import type { Sample } from '../../lib/archive/preview.ts';
import { networkLabel } from '../../lib/networks/registry.ts';
import { useT } from '../i18n.tsx';

export function ArchiveSamples({ samples, networks }: { samples: Sample[]; networks: Network[] }) {
  const { t } = useT();
  return (
    <section aria-labelledby="archive-samples-title">
      <h2 id="archive-samples-title">{t('archive.samples.title')}</h2>
      {samples.length === 0 && <p class="muted">{t('archive.samples.none')}</p>}
      {samples.map((sample) => (
        <article class="archive-sample" key={sample.tweets[0]?.id} aria-label={t(`archive.samples.${sample.reason}`)}>
          <h3>{t(`archive.samples.${sample.reason}`)}</h3>
          <div class="archive-sample-networks">
            {networks.map((network, i) => {
              const posts = sample.posts[i] ?? [];
              const parts = posts.flatMap((p) => p.parts);
              const changes = [...new Set(posts.flatMap((p) => p.changes))];
              return (
                <div
                  role="group"
                  key={network}
                  aria-label={t('archive.samples.on', { network: networkLabel(network) })}
                >
                  <h4>{t('archive.samples.on', { network: networkLabel(network) })}</h4>
                  <ol class="parts">
                    {parts.map((part, n) => (
                      <li key={n} aria-label={t('archive.samples.part', { n: n + 1, total: parts.length })}>
                        {part.text}
                        {part.media.length > 0 && (
                          <p class="muted">
                            {t('archive.samples.media.count', {
                              n: part.media.length,
                              files: part.media.map((m) => m.entry.slice(m.entry.lastIndexOf('/') + 1)).join(', '),
                            })}
                          </p>
                        )}
                      </li>
                    ))}
                  </ol>
                  {changes.map((c) => (
                    <p class="muted" key={c}>
                      {t(`archive.change.${c}`)}
                    </p>
                  ))}
                </div>
              );
            })}
          </div>
        </article>
      ))}
    </section>
  );
}
