/**
 * User settings: one record in IndexedDB. Never in storage.sync: Sortie
 * syncs nothing. The background copies the non-secret part content scripts
 * need into storage.local (the page config, `PageConfig`).
 */

export type LanguageSetting = 'auto' | 'en' | 'fr';
export type ThemeSetting = 'auto' | 'light' | 'dark';

export interface LinkSettings {
  /** Send X links to a mirror. */
  redirect: boolean;
  /** The user still uses X: x.com typed or clicked inside X stays on X; links from elsewhere still go to mirrors. */
  keepXUsable: boolean;
  /** Also redirect X frames embedded in other pages. */
  subFrames: boolean;
  /** Path prefixes on X that are never redirected (e.g. "/i/bookmarks"). */
  exceptions: string[];
  /** Redirects paused until this time (epoch ms), or null. */
  pausedUntil: number | null;
  /** Mirror id the user prefers when it is healthy. */
  pinnedMirror: string | null;
  /** Rewrite X links inside the pages the user allows. */
  rewriteInPages: boolean;
  /** Replace embedded tweets with a plain mirror link card. */
  replaceEmbeds: boolean;
}

export interface Settings {
  language: LanguageSetting;
  theme: ThemeSetting;
  links: LinkSettings;
  /** "Share on X" buttons and intent links open Sortie's composer. */
  shareTakeover: boolean;
  /** On x.com, offer Sortie's composer when X's composer is open. */
  xOverlay: boolean;
  /** X's own Post button routes to Sortie. */
  xPostButtonToSortie: boolean;
  /** Account ids preselected in the composer. */
  defaultTargets: string[];
  /** Mastodon threads: first part public, the rest unlisted. */
  threadRestUnlisted: boolean;
  /** The first-run page was completed or dismissed. */
  onboarded: boolean;
}

/** Right after install, Sortie is set up for leaving X: links go to mirrors, shares come to Sortie. */
export const DEFAULT_SETTINGS: Settings = {
  language: 'auto',
  theme: 'auto',
  links: {
    redirect: true,
    keepXUsable: false,
    subFrames: false,
    exceptions: [],
    pausedUntil: null,
    pinnedMirror: null,
    rewriteInPages: true,
    replaceEmbeds: true,
  },
  shareTakeover: true,
  xOverlay: true,
  xPostButtonToSortie: false,
  defaultTargets: [],
  threadRestUnlisted: false,
  onboarded: false,
};

/** Deep-enough merge for our two-level settings object: unknown keys are dropped. */
export function mergeSettings(base: Settings, patch: SettingsPatch): Settings {
  return {
    ...base,
    ...patch,
    links: { ...base.links, ...(patch.links ?? {}) },
  };
}

export type SettingsPatch = Partial<Omit<Settings, 'links'>> & { links?: Partial<LinkSettings> };
