/**
 * User settings: one record in IndexedDB. Never in storage.sync: Sortie
 * syncs nothing. The background copies the non-secret part content scripts
 * need into storage.local (the page config, `PageConfig`).
 */

export type LanguageSetting = 'auto' | 'en' | 'fr';
/**
 * What the person said on the welcome page. Until they answer, Sortie
 * changes nothing on x.com: only X links followed from other sites go to a
 * mirror, "Share on X" stays X's and the x.com composer offer stays hidden.
 */
export type XChoice = 'undecided' | 'leaving' | 'staying';
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
  /** The welcome page's question; `choicePatch` gives the settings each answer sets. */
  choice: XChoice;
}

/** Right after install nothing on x.com changes until the person answers the welcome page (XChoice). */
export const DEFAULT_SETTINGS: Settings = {
  language: 'auto',
  theme: 'auto',
  links: {
    redirect: true,
    keepXUsable: true,
    subFrames: false,
    exceptions: [],
    pausedUntil: null,
    pinnedMirror: null,
    rewriteInPages: true,
    replaceEmbeds: false,
  },
  shareTakeover: false,
  xOverlay: false,
  xPostButtonToSortie: false,
  defaultTargets: [],
  threadRestUnlisted: false,
  onboarded: false,
  choice: 'undecided',
};

/**
 * The settings each answer sets; every one of them stays a switch in the
 * options afterwards. `shareTakeover` is asked on the welcome page with its
 * own switch, so it can be given.
 */
export function choicePatch(choice: XChoice, shareTakeover?: boolean): SettingsPatch {
  switch (choice) {
    case 'leaving':
      return {
        choice,
        onboarded: true,
        shareTakeover: shareTakeover ?? true,
        xOverlay: true,
        links: { redirect: true, keepXUsable: false, replaceEmbeds: true },
      };
    case 'staying':
      return {
        choice,
        onboarded: true,
        shareTakeover: shareTakeover ?? false,
        xOverlay: true,
        links: { redirect: true, keepXUsable: true, replaceEmbeds: false },
      };
    case 'undecided':
      return {
        choice,
        shareTakeover: DEFAULT_SETTINGS.shareTakeover,
        xOverlay: DEFAULT_SETTINGS.xOverlay,
        links: { redirect: true, keepXUsable: true, replaceEmbeds: DEFAULT_SETTINGS.links.replaceEmbeds },
      };
  }
}

/**
 * The defaults of the versions that had no welcome question: they set
 * everyone up for leaving X. A settings record stored by such a version
 * (or none at all, when nothing was ever changed) means these.
 */
const DEFAULTS_BEFORE_THE_CHOICE: Omit<Settings, 'choice'> = {
  ...DEFAULT_SETTINGS,
  links: { ...DEFAULT_SETTINGS.links, keepXUsable: false, replaceEmbeds: true },
  shareTakeover: true,
  xOverlay: true,
};

/**
 * An existing user's settings when the choice arrives: what they had, kept
 * as it was, with the choice their link setting already expresses.
 */
export function settingsBeforeTheChoice(
  stored: (Partial<Omit<Settings, 'links'>> & { links?: Partial<LinkSettings> }) | undefined,
): Settings {
  const had = mergeSettings({ ...DEFAULTS_BEFORE_THE_CHOICE, choice: 'leaving' }, stored ?? {});
  return { ...had, choice: had.links.keepXUsable ? 'staying' : 'leaving' };
}

/** Deep-enough merge for our two-level settings object: unknown keys are dropped. */
export function mergeSettings(base: Settings, patch: SettingsPatch): Settings {
  return {
    ...base,
    ...patch,
    links: { ...base.links, ...(patch.links ?? {}) },
  };
}

export type SettingsPatch = Partial<Omit<Settings, 'links'>> & { links?: Partial<LinkSettings> };
