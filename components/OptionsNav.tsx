/**
 * The options page's sections, one shown at a time, chosen by the address's
 * fragment (`options.html#links`) so a section can be linked to and the
 * browser's back button walks them.
 */
import { useEffect, useState } from 'preact/hooks';
import { useT } from './i18n.tsx';

export const OPTIONS_SECTIONS = ['accounts', 'publishing', 'links', 'leaving', 'privacy'] as const;
export type OptionsSection = (typeof OPTIONS_SECTIONS)[number];

function fromHash(hash: string): OptionsSection {
  const name = hash.replace(/^#/, '');
  return (OPTIONS_SECTIONS as readonly string[]).includes(name) ? (name as OptionsSection) : 'accounts';
}

export function useOptionsSection(): OptionsSection {
  const [section, setSection] = useState<OptionsSection>(() => fromHash(location.hash));
  useEffect(() => {
    const follow = () => setSection(fromHash(location.hash));
    addEventListener('hashchange', follow);
    // The address may have changed between the first render and this listener (a link
    // followed while the page was starting): read it once more, or the page shows another section.
    follow();
    return () => removeEventListener('hashchange', follow);
  }, []);
  return section;
}

export function OptionsNav({ current }: { current: OptionsSection }) {
  const { t } = useT();
  return (
    <nav aria-label={t('options.sections')} class="options-nav">
      <ul>
        {OPTIONS_SECTIONS.map((s) => (
          <li key={s}>
            <a href={`#${s}`} aria-current={s === current ? 'page' : undefined}>
              {t(`options.section.${s}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
