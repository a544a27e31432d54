/**
 * The exit dashboard: what moved through Sortie, counted in this browser
 * only (the counters never leave it): in total, over 7 and 30 days, and a
 * 30-day strip of posts.
 */
import type { StatRecord } from '../../lib/model/stat.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';
import { NETWORK_IDS, networkLabel } from '../../lib/networks/registry.ts';
import { dailySeries, totals, type StatName } from '../../lib/stats.ts';
import { useT } from '../i18n.tsx';

/** One row of posts per network, labelled with its name. */
const POST_ROWS = NETWORK_IDS.map((network) => [`posts.${network}`, network] as const);

const OTHER_ROWS: Array<[StatName, MessageKey]> = [
  ['x.takeovers', 'bridge.dashboard.takeovers'],
  ['x.redirected', 'bridge.dashboard.redirected'],
  ['follows.found', 'bridge.dashboard.found'],
  ['follows.followed', 'bridge.dashboard.followed'],
];

function sum(series: Array<{ count: number }>): number {
  return series.reduce((n, d) => n + d.count, 0);
}

export function Dashboard({ stats }: { stats: StatRecord[] }) {
  const { t, lang } = useT();
  const now = Date.now();
  const all = totals(stats);
  const perNetwork = POST_ROWS.map(([name]) => dailySeries(stats, name, 30, now));
  const posts = (perNetwork[0] ?? []).map((d, i) => ({
    day: d.day,
    count: perNetwork.reduce((n, series) => n + series[i]!.count, 0),
  }));
  const rows: Array<{ name: StatName; label: string }> = [
    ...POST_ROWS.map(([name, network]) => ({
      name,
      label: t('bridge.dashboard.posts', { network: networkLabel(network) }),
    })),
    ...OTHER_ROWS.map(([name, key]) => ({ name, label: t(key) })),
  ];
  const peak = Math.max(1, ...posts.map((d) => d.count));
  const fmt = new Intl.NumberFormat(lang);

  return (
    <section aria-labelledby="bridge-dashboard-title">
      <h2 id="bridge-dashboard-title">{t('bridge.dashboard.title')}</h2>
      <table class="bridge-stats" data-testid="bridge-stats">
        <thead>
          <tr>
            <th scope="col">{t('bridge.dashboard.counter')}</th>
            <th scope="col">{t('bridge.dashboard.days', { n: 7 })}</th>
            <th scope="col">{t('bridge.dashboard.days', { n: 30 })}</th>
            <th scope="col">{t('bridge.dashboard.total')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, label }) => (
            <tr key={name} data-stat={name}>
              <th scope="row">{label}</th>
              <td>{fmt.format(sum(dailySeries(stats, name, 7, now)))}</td>
              <td>{fmt.format(sum(dailySeries(stats, name, 30, now)))}</td>
              <td>{fmt.format(all[name])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figure class="bridge-strip">
        <div class="bridge-bars" aria-hidden="true">
          {posts.map((d) => (
            <span
              key={d.day}
              title={`${d.day}: ${d.count}`}
              style={{ height: `${Math.round((d.count / peak) * 100)}%` }}
            />
          ))}
        </div>
        <figcaption class="muted">{t('bridge.dashboard.strip', { n: sum(posts) })}</figcaption>
      </figure>
      <p class="muted">{t('bridge.dashboard.redirectsNote')}</p>
    </section>
  );
}
