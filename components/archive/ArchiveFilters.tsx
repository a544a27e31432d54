/** The preview's choices: kinds of posts, with or without media, years; each with its count. */
import type { ArchiveCounts } from '../../lib/archive/filters.ts';
import type { ImportFilters } from '../../lib/model/import.ts';
import { useT } from '../i18n.tsx';

type Flag = 'ownPosts' | 'ownThreads' | 'repliesToOthers' | 'retweets' | 'withMedia' | 'withoutMedia';

export function ArchiveFilters({
  counts,
  filters,
  onChange,
}: {
  counts: ArchiveCounts;
  filters: ImportFilters;
  onChange: (f: ImportFilters) => void;
}) {
  const { t } = useT();
  const flag = (key: Flag, n: number) => (
    <label class="toggle" key={key}>
      <input
        type="checkbox"
        checked={filters[key]}
        onChange={(e) => onChange({ ...filters, [key]: e.currentTarget.checked })}
      />{' '}
      {t(`archive.filters.${key}`, { n })}
    </label>
  );
  const allYears = counts.byYear.map(([y]) => y);
  const chosenYears = filters.years === 'all' ? allYears : filters.years;
  const setYear = (year: number, on: boolean) => {
    const next = on ? [...new Set([...chosenYears, year])].sort() : chosenYears.filter((y) => y !== year);
    onChange({ ...filters, years: next.length === allYears.length ? 'all' : next });
  };
  return (
    <section aria-labelledby="archive-filters-title">
      <h2 id="archive-filters-title">{t('archive.filters.title')}</h2>
      <fieldset>
        <legend>{t('archive.filters.kinds')}</legend>
        {flag('ownPosts', counts.byCategory.post)}
        {flag('ownThreads', counts.byCategory.thread)}
        {flag('repliesToOthers', counts.byCategory.reply)}
        {flag('retweets', counts.byCategory.retweet)}
      </fieldset>
      <fieldset>
        <legend>{t('archive.filters.media')}</legend>
        {flag('withMedia', counts.withMedia)}
        {flag('withoutMedia', counts.withoutMedia)}
      </fieldset>
      {allYears.length > 0 && (
        <fieldset class="archive-years">
          <legend>{t('archive.filters.years')}</legend>
          <label class="toggle">
            <input
              type="checkbox"
              checked={filters.years === 'all'}
              onChange={(e) => onChange({ ...filters, years: e.currentTarget.checked ? 'all' : [] })}
            />{' '}
            {t('archive.filters.allYears')}
          </label>
          {counts.byYear.map(([year, n]) => (
            <label class="toggle" key={year}>
              <input
                type="checkbox"
                checked={chosenYears.includes(year)}
                onChange={(e) => setYear(year, e.currentTarget.checked)}
              />{' '}
              {t('archive.filters.year', { year, n })}
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
