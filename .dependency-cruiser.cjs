// The layer rules of ARCHITECTURE.md ("Layers"), checked by `npm run lint:layers`.
// Paths are regular expressions over repo-relative paths, so a rule about a
// folder that does not exist yet (lib/model, lib/<feature>/engine, ...) simply
// matches nothing until the folder appears.
//
// Layers, bottom to top: L0 base, L1 networks, L2 features, L3 shells,
// L4 components, L5 entrypoints. A module may import its own layer and any
// layer below, never one above, at run time or as a type. The one exception:
// the assembled message tables (lib/messages.ts, lib/engine/protocol.ts) may be
// imported by any layer with `import type`, so typed senders anywhere can name
// a message without pulling the shells in.

/**
 * L0 — base: validation, storage schema, stored record types, settings, texts, pure text, pure byte sniffing, small
 * safe helpers. The list of networks and each network's stored shapes (lib/networks/network.ts: limits,
 * credentials, server profile, connect input) are base too: the stored
 * records (lib/model/*) are made of them, so they are a base fact that sits in the networks' folders only so that a
 * network's files stay together. They import nothing above base.
 */
const BASE = [
  '^lib/(validate|lazy|db|tid|assert-never|download|web-link|fetch-target)\\.ts$',
  '^lib/settings[^/]*\\.ts$',
  '^lib/(model|i18n|text|bytes|messaging)/',
  '^lib/networks/network\\.ts$',
];
/** L1 — one folder per network plus the registries and the shared network helpers. */
const NETWORKS = ['^lib/networks/'];
/** L3 — the shells that assemble features: the message table, the background and the engine. */
const SHELLS = ['^lib/messages\\.ts$', '^lib/(background|engine)/'];
/** L2 — every other module under lib/ is a feature (lib/<feature>/, and the features' top-level files). */
const LIB = '^lib/';
const COMPONENTS = '^components/';
const ENTRYPOINTS = '^entrypoints/';

/** The assembled message-table types, importable by every layer as types only. */
const TABLES = '^lib/(messages|engine/protocol)\\.ts$';
/** Code that runs in the posting engine: the only code allowed to load the engine halves. */
const ENGINE_SIDE = [
  '^lib/engine/',
  '^lib/[^/]+/engine/',
  '^lib/networks/[^/]+/engine/',
  '^lib/networks/engine-registry\\.ts$',
  '^entrypoints/engine/',
];
/** The engine halves: a feature's or a network's engine folder, and the engine registry. */
const ENGINE_HALVES = ['^lib/[^/]+/engine/', '^lib/networks/[^/]+/engine/', '^lib/networks/engine-registry\\.ts$'];
/** The background halves of the features (lib/<feature>/background/). */
const BACKGROUND_HALVES = ['^lib/[^/]+/background/'];
const BACKGROUND_SIDE = ['^lib/background/', '^lib/[^/]+/background/', '^entrypoints/background'];
/**
 * The networks' text halves: tokenizers, counters, the TLD list. The composer
 * and the archive import load them; the service worker must not (it stays small).
 */
const TEXT_HALVES = ['^lib/networks/[^/]+/text/', '^lib/networks/text-registry\\.ts$'];
/** The network client libraries: they carry credentials and are large, so they live only in the networks' engine halves. */
const NETWORK_CLIENTS = ['(^|/)node_modules/(masto|@atproto/[^/]+)/', '^(masto|@atproto/[^/]+)$'];

const typeOnlyTableException = { pathNot: TABLES };

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere, at run time.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-types',
      severity: 'error',
      comment:
        'No import cycles through type imports either, except cycles closed by the assembled message tables ' +
        '(a feature slice feeds lib/messages.ts, whose types every sender imports).',
      from: { pathNot: TABLES },
      to: { circular: true, viaOnly: { pathNot: TABLES } },
    },
    {
      name: 'base-imports-only-base',
      severity: 'error',
      comment: 'L0 (base) imports only L0; the message-table types are the one exception (import type).',
      from: { path: BASE },
      to: { path: `${LIB}|${COMPONENTS}|${ENTRYPOINTS}`, pathNot: [...BASE, TABLES] },
    },
    {
      name: 'networks-import-only-base-and-networks',
      severity: 'error',
      comment: 'L1 (networks) imports only L0 and L1: no feature, shell, component or entrypoint.',
      from: { path: NETWORKS },
      to: { path: `${LIB}|${COMPONENTS}|${ENTRYPOINTS}`, pathNot: [...BASE, ...NETWORKS, TABLES] },
    },
    {
      name: 'features-do-not-import-shells-or-ui',
      severity: 'error',
      comment:
        'L2 (features) never import the shells (lib/messages.ts, lib/background, lib/engine): what they need from ' +
        'the engine host is injected. Message-table types are the exception (import type).',
      from: { path: LIB, pathNot: [...BASE, ...NETWORKS, ...SHELLS] },
      to: { path: [...SHELLS, COMPONENTS, ENTRYPOINTS], pathNot: TABLES },
    },
    {
      name: 'no-runtime-import-of-message-tables-below-shells',
      severity: 'error',
      comment: 'Below the shells, the assembled message tables may be imported only with `import type`.',
      from: { path: LIB, pathNot: SHELLS },
      to: { path: TABLES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shells-do-not-import-ui',
      severity: 'error',
      comment: 'L3 (shells) never import components or entrypoints.',
      from: { path: SHELLS },
      to: { path: [COMPONENTS, ENTRYPOINTS] },
    },
    {
      name: 'components-do-not-import-entrypoints',
      severity: 'error',
      comment: 'L4 (components) never import entrypoints; entrypoints (L5) may import anything below them.',
      from: { path: COMPONENTS },
      to: { path: ENTRYPOINTS },
    },
    {
      name: 'components-never-import-engine-code',
      severity: 'error',
      comment:
        'Pages reach the engine only through messages: no lib/engine, no network engine half, no network client.',
      from: { path: COMPONENTS },
      to: { path: ['^lib/engine/', ...ENGINE_HALVES], ...typeOnlyTableException },
    },
    {
      name: 'engine-halves-only-from-engine-side',
      severity: 'error',
      comment:
        "A feature's or a network's engine half is loaded only by engine-side code, so the service worker, " +
        'the pages and the content scripts never bundle a network client.',
      from: { path: `${LIB}|${COMPONENTS}`, pathNot: ENGINE_SIDE },
      to: { path: ENGINE_HALVES, ...typeOnlyTableException, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'background-halves-only-from-background-side',
      severity: 'error',
      comment: "A feature's background half is loaded only by the background (its shell or another background half).",
      from: { path: `${LIB}|${COMPONENTS}`, pathNot: BACKGROUND_SIDE },
      to: { path: BACKGROUND_HALVES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'feature-root-is-pure',
      severity: 'error',
      comment:
        "A feature's root (pure logic) and a network's meta never import their privileged halves; the halves " +
        'import the root, not the reverse.',
      from: {
        path: '^lib/[^/]+/[^/]+\\.tsx?$|^lib/networks/[^/]+/[^/]+\\.tsx?$',
        pathNot: [...SHELLS, ...ENGINE_SIDE],
      },
      to: { path: [...ENGINE_HALVES, ...BACKGROUND_HALVES], pathNot: TABLES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'text-rules-not-from-service-worker-code',
      severity: 'error',
      comment:
        "The networks' text rules (tokenizers, counters, the TLD list) are for the composer and the archive " +
        "import: the background side and the networks' light metas (which the service worker loads) never import " +
        'them (the bundle-size test checks what the service worker bundles in the end).',
      from: { path: [...BACKGROUND_SIDE, '^lib/networks/(registry|meta)\\.ts$', '^lib/networks/[^/]+/meta\\.ts$'] },
      to: { path: TEXT_HALVES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'network-clients-only-in-network-engines',
      severity: 'error',
      comment: 'masto and @atproto/* are imported only under lib/networks/<network>/engine/ (tests are not cruised).',
      from: { pathNot: '^lib/networks/[^/]+/engine/' },
      to: { path: NETWORK_CLIENTS },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(\\.output|\\.wxt|test-results|bench/\\.tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
