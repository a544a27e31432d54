import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../lib/i18n/en';
import { fr } from '../../lib/i18n/fr';
import { resolveLang, translate, translateDynamic } from '../../lib/i18n';
import { MESSAGES } from '../../lib/messages';

describe('i18n', () => {
  it('French has exactly the English keys, none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(fr)) expect(text, key).not.toBe('');
  });

  it.each([
    ['auto', ['fr-CA', 'en'], 'fr'],
    ['auto', ['de-DE', 'en-GB'], 'en'],
    ['auto', ['de'], 'en'],
    ['en', ['fr-FR'], 'en'],
    ['fr', [], 'fr'],
  ] as const)('resolveLang(%s, %o) = %s', (setting, langs, lang) => {
    expect(resolveLang(setting, langs)).toBe(lang);
  });

  it('fills placeholders and leaves missing ones visible', () => {
    expect(translate('fr', 'options.account.disconnect', { handle: '@a@b' })).toBe('Déconnecter @a@b');
    expect(translate('en', 'options.account.disconnect')).toBe('Disconnect {handle}');
    expect(translateDynamic('en', 'error.server.said-something')).toBe('error.server.said-something');
  });

  it('every i18n key the code names exists', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(name) && !path.includes('i18n')) files.push(path);
      }
    };
    ['lib', 'components', 'entrypoints'].forEach(walk);
    const missing = new Set<string>();
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(
        /['"`]((?:error|notice|options|compose|popup|firstRun|queue|privacy|links|bridge|connect)\.[\w.]+)['"`]/g,
      )) {
        // A file name ('links.js') is not a key.
        if (/\.(?:js|html|css|json)$/.test(m[1]!)) continue;
        if (!Object.hasOwn(en, m[1]!) && !Object.hasOwn(MESSAGES, m[1]!)) missing.add(`${m[1]} (${file})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
