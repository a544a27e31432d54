/**
 * The one shape a settings change may take, from the options page
 * (`settings.update`) and from a backup file alike. Its counts are the larger
 * of the two the checks used to have, so every file Sortie exported still
 * imports (its settings passed this check when they were changed); the rules
 * compiled from exceptions are capped further down (lib/links/dnr.ts keeps at
 * most MAX_EXCEPTIONS, normalised). Exceptions are path prefixes: "/…".
 */
import type { SettingsPatch } from './settings.ts';
import * as v from './validate.ts';

export const MAX_DEFAULT_TARGETS = 100;
export const MAX_LINK_EXCEPTIONS = 500;

export const settingsPatchSchema: v.Schema<SettingsPatch> = v.object({
  language: v.optional(v.oneOf('auto', 'en', 'fr')),
  theme: v.optional(v.oneOf('auto', 'light', 'dark')),
  shareTakeover: v.optional(v.boolean()),
  xOverlay: v.optional(v.boolean()),
  xPostButtonToSortie: v.optional(v.boolean()),
  threadRestUnlisted: v.optional(v.boolean()),
  onboarded: v.optional(v.boolean()),
  choice: v.optional(v.oneOf('undecided', 'leaving', 'staying')),
  defaultTargets: v.optional(v.array(v.string({ max: 1_000 }), { max: MAX_DEFAULT_TARGETS })),
  links: v.optional(
    v.object({
      redirect: v.optional(v.boolean()),
      keepXUsable: v.optional(v.boolean()),
      subFrames: v.optional(v.boolean()),
      exceptions: v.optional(v.array(v.string({ max: 500, pattern: /^\// }), { max: MAX_LINK_EXCEPTIONS })),
      pausedUntil: v.optional(v.nullable(v.number({ min: 0 }))),
      pinnedMirror: v.optional(v.nullable(v.string({ max: 2_000 }))),
      rewriteInPages: v.optional(v.boolean()),
      replaceEmbeds: v.optional(v.boolean()),
    }),
  ),
});
