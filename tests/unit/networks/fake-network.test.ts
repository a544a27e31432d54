/**
 * The "Add a network" recipe (ARCHITECTURE.md) holds: a network added to the
 * `Network` union and nowhere else makes the compiler point at exactly the
 * files the recipe names, no more and no fewer, and the recipe stays within
 * eight files. Compiled in memory (one program over the app's code, no copy):
 * only lib/networks/network.ts is read with a fake network's row added.
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const NETWORK_FILE = path.join(ROOT, 'lib/networks/network.ts');

/** The row a new network starts with (step 1 of the recipe). */
const FAKE_ROW = `  fake: { limits: { maxCharacters: number }; credentials: { network: 'fake'; token: string }; connectInput: { token: string } };\n`;

/** Files the compiler must flag once the row is added: each one is a step of the recipe. */
const FLAGGED = [
  'lib/bridge/match.ts',
  'lib/networks/engine-registry.ts',
  'lib/networks/registry.ts',
  'lib/networks/text-registry.ts',
];

/** The new network's own files, which the recipe creates (no compiler can flag a file that does not exist yet). */
const CREATED = [
  'lib/networks/<network>/meta.ts',
  'lib/networks/<network>/engine/adapter.ts',
  'lib/networks/<network>/text/rules.ts',
];

/** Edited by hand at the start of the recipe; the rest follows from the compiler. */
const STARTED_FROM = ['lib/networks/network.ts'];

function flaggedFiles(addRow: boolean): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json not readable');
  // The app's code only: tests and benches are not part of the recipe.
  const roots = config.fileNames.filter((f) => !/[/\\](tests|bench)[/\\]/.test(f) && !/\.config\.ts$/.test(f));
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => {
    const text = readFile(file);
    if (!addRow || text === undefined || path.resolve(file) !== NETWORK_FILE) return text;
    const at = text.indexOf('export interface NetworkShapes {\n');
    if (at < 0) throw new Error('NetworkShapes not found in lib/networks/network.ts');
    const end = at + 'export interface NetworkShapes {\n'.length;
    return text.slice(0, end) + FAKE_ROW + text.slice(end);
  };
  const program = ts.createProgram({ rootNames: roots, options: { ...config.options, noEmit: true }, host });
  const files = new Set<string>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    files.add(d.file ? path.relative(ROOT, d.file.fileName).split(path.sep).join('/') : '(global)');
  }
  return [...files].sort();
}

describe('adding a network', () => {
  it('makes the compiler point at exactly the recipe files, eight at most in all', () => {
    expect(flaggedFiles(true)).toEqual(FLAGGED);
    expect(STARTED_FROM.length + CREATED.length + FLAGGED.length).toBeLessThanOrEqual(8);
  }, 180_000);
});
