/**
 * Lets the bench (run with --experimental-strip-types) load the Mastodon test
 * server, which the e2e tests load through Playwright's transpiler: it imports
 * its siblings without the .ts extension and uses parameter properties, which
 * type stripping alone refuses. Only files under tests/servers/mastodon/ get
 * this treatment; everything else loads as Node loads it.
 */
import { readFileSync } from 'node:fs';
import { registerHooks, stripTypeScriptTypes } from 'node:module';

/** Node 24 takes mode 'transform' (what parameter properties need); @types/node 26 only declares 'strip'. */
const transformTypeScript = stripTypeScriptTypes as unknown as (code: string, options: { mode: 'transform' }) => string;

const MASTODON_SERVER = new URL('../../tests/servers/mastodon/', import.meta.url).href;

registerHooks({
  resolve(specifier, context, next) {
    const fromServer = context.parentURL?.startsWith(MASTODON_SERVER) === true;
    if (!fromServer || !specifier.startsWith('.') || specifier.endsWith('.ts')) return next(specifier, context);
    return next(`${specifier}.ts`, context);
  },
  load(url, context, next) {
    if (!url.startsWith(MASTODON_SERVER) || !url.endsWith('.ts')) return next(url, context);
    const source = readFileSync(new URL(url), 'utf8');
    return { format: 'module', source: transformTypeScript(source, { mode: 'transform' }), shortCircuit: true };
  },
});
