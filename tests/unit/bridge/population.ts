/**
 * A seeded population of X accounts for measuring the follow bridge's scorer
 * (bench/bridge-quality.ts and tests/unit/bridge/quality.test.ts): each X
 * profile with the accounts a lookup would return for it (hint look-ups,
 * search results, same-handle guesses), and the truth: which are really the
 * person's, and which fediverse addresses the X profile wrote.
 *
 * Every trap the follow bridge meets is here, many times over with varied
 * wordings: organisations named in bios ("pour", "chez", "at", "for",
 * "@ work", "co-founder of"), employers' domains in the website field,
 * parody / fan / not-affiliated / "pas le vrai" accounts, impersonation
 * labels, homoglyph names, look-alike handles, very new accounts claiming
 * the X handle, same-name and same-handle strangers, shortened display
 * names, RTL and emoji names, fediverse addresses a server cannot reach,
 * people with no account anywhere. Pure and deterministic: same seed, same
 * population.
 */
import type { FoundAccount, XProfile } from '../../../lib/model/bridge.ts';

export interface Person {
  trap: string;
  x: XProfile;
  /** What lookups return for this X account (all networks). */
  found: FoundAccount[];
  /** `network:handle` of the accounts that are really this person's. */
  truth: string[];
  /** Whether the person has a Bluesky account (for recall). */
  onBluesky: boolean;
  /** Fediverse addresses the X profile wrote (each must be listed). */
  written: string[];
}

/** The time lookups ran, for "very new account". */
export const POPULATION_NOW = Date.parse('2026-12-03T12:00:00Z');

/** mulberry32: small, fast, good enough to vary a fixture. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Nora',
  'Ivan',
  'Lena',
  'Omar',
  'Yuki',
  'Pablo',
  'Greta',
  'Tariq',
  'Elsa',
  'Rémi',
  'Inès',
  'Karl',
  'Mina',
  'Hugo',
  'Zoé',
  'Femi',
  'Ada',
  'Léon',
  'Sofia',
  'Arjun',
  'Aurélie',
  'Bastien',
  'Chloé',
  'Dmitri',
  'Élodie',
  'Fatou',
  'Gaspard',
  'Hélène',
  'Ibrahim',
  'Jeanne',
];
const LAST = [
  'Quill',
  'Brandt',
  'Okafor',
  'Vasquez',
  'Lind',
  'Moreau',
  'Tanaka',
  'Haddad',
  'Novak',
  'Ferro',
  'Dupont',
  'Benali',
  'Kowalski',
  'Nguyen',
  'Rossi',
  'Diallo',
  'Schmidt',
  'Garnier',
  'Lemoine',
  'Costa',
];
const RTL = [
  ['سارة', 'sara'],
  ['يوسف', 'youssef'],
  ['ليلى', 'layla'],
  ['נועה', 'noa'],
  ['דניאל', 'daniel'],
  ['كريم', 'karim'],
] as const;
const HOSTS = ['piaille.fr', 'mastodon.example', 'fosstodon.example', 'social.example', 'eldritch.example'];
const ORGS = [
  'Orga Climat',
  'Acme Labs',
  'Le Média Libre',
  'Fondation Pixel',
  'Syndicat des Rails',
  'Collectif Vélo',
  'Open Data Lab',
  'Radio Rivière',
];
const AFFILIATION = [
  (r: string) => `Chargée de com' pour ${r}`,
  (r: string) => `Journaliste chez ${r}`,
  (r: string) => `Engineer at ${r}`,
  (r: string) => `Campaigning for ${r}`,
  (r: string) => `Dev @ work: ${r}`,
  (r: string) => `Co-founder of ${r}`,
  (r: string) => `Cofondatrice de ${r}`,
  (r: string) => `Bénévole au sein de ${r}`,
  (r: string) => `Head of comms at ${r} 🌍`,
  (r: string) => `Membre du ${r}`,
  (r: string) => `Views my own. Work: ${r}`,
  (r: string) => `Le taf : ${r}`,
];
const PARODY = [
  'Parody account',
  'Compte parodique',
  'Parodie — pas le vrai',
  'Fan account ✨',
  'Not affiliated with the real one',
  'Non officiel',
  'Satire. Not the real person.',
  'compte de fan 💜',
  'Unofficial tribute',
  'pas la vraie, évidemment',
  'Unofficial mirror — reposts tweets from X',
  'Stan account 💫',
];
const ORG_BIO = [
  'Compte officiel de {o}',
  'Official account of {o}',
  'Association loi 1901 — {o}',
  'We are {o}, a non-profit',
  'Nous sommes {o}',
  'Newsroom of {o}',
  'Le magazine {o}',
];
const PERSON_BIO = [
  'Writer. Cyclist.',
  'Militante pour le climat',
  'Working for an NGO',
  'Prof de maths',
  'Nurse, union rep',
  'Photographe',
  'Data & democracy',
  'Dad, nerd',
  'Elle/she',
  '',
];
const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', i: 'і' };

const slug = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

function bsky(handle: string, displayName: string, extra: Partial<FoundAccount> = {}): FoundAccount {
  return {
    network: 'bluesky',
    id: `did:plc:${slug(handle).padEnd(24, 'q').slice(0, 24)}`,
    handle,
    displayName,
    bio: '',
    links: [],
    verifiedLinks: [],
    labels: [],
    url: `https://bsky.app/profile/${handle}`,
    found: 'search',
    hints: [],
    createdAt: '2023-05-01T00:00:00Z',
    ...extra,
  };
}

function masto(acct: string, displayName: string, extra: Partial<FoundAccount> = {}): FoundAccount {
  const [user, host] = acct.split('@');
  return {
    network: 'mastodon',
    id: `m-${acct}`,
    handle: acct,
    displayName,
    bio: '',
    links: [],
    verifiedLinks: [],
    labels: [],
    url: `https://${host}/@${user}`,
    found: 'search',
    hints: [],
    createdAt: '2022-11-10T00:00:00Z',
    ...extra,
  };
}

export function generatePopulation(seed = 20261203, size = 480): Person[] {
  const rand = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const people: Person[] = [];
  const traps: Array<[string, number, (i: number) => Omit<Person, 'trap'>]> = [];
  const used = new Set<string>();

  /** A distinct person: X handle, display name, bio. */
  function someone(): { handle: string; name: string; first: string; last: string; bio: string } {
    for (;;) {
      const first = pick(FIRST);
      const last = pick(LAST);
      const style = Math.floor(rand() * 3);
      const handle =
        style === 0
          ? `${slug(first)}_${slug(last)}`
          : style === 1
            ? `${slug(first)}${slug(last)}${Math.floor(rand() * 90 + 10)}`
            : `${slug(first)[0]}${slug(last)}`;
      if (used.has(handle)) continue;
      used.add(handle);
      return { handle, name: `${first} ${last}`, first, last, bio: pick(PERSON_BIO) };
    }
  }
  const bskyLocal = (h: string): string => h.replace(/_/g, '-');
  const xOf = (p: { handle: string; name: string }, bio: string, extra: Partial<XProfile> = {}): XProfile => ({
    handle: p.handle,
    displayName: p.name,
    bio,
    links: [],
    website: null,
    ...extra,
  });
  const decorate = (name: string): string =>
    pick([name, `${name} 🌻`, `${name} (elle)`, `${name} ✊🏽`, name.toUpperCase(), `${name} | ${name.split(' ')[0]}`]);

  // People who are on Bluesky and say so.
  traps.push([
    'explicit bluesky address',
    40,
    () => {
      const p = someone();
      const h = `${pick([slug(p.first), bskyLocal(p.handle), `${slug(p.first)}${slug(p.last)[0]}`])}.bsky.social`;
      const cue = pick(['🦋', 'Bluesky:', 'also on', 'moved to', 'retrouvez-moi sur', '→']);
      return {
        x: xOf(p, `${p.bio} ${cue} ${h}`),
        found: [bsky(h, decorate(p.name), { found: 'hint' })],
        truth: [`bluesky:${h}`],
        onBluesky: true,
        written: [],
      };
    },
  ]);
  traps.push([
    'explicit mastodon address',
    30,
    () => {
      const p = someone();
      const acct = `${pick([slug(p.first), p.handle])}@${pick(HOSTS)}`;
      const cue = pick(['🐘', 'Mastodon:', 'fedi:', 'aussi sur', 'find me at']);
      return {
        x: xOf(p, `${p.bio} ${cue} @${acct}`),
        found: [masto(acct, decorate(p.name), { found: 'hint' })],
        truth: [`mastodon:${acct}`],
        onBluesky: false,
        written: [acct],
      };
    },
  ]);
  traps.push([
    'same handle and name, found by search',
    40,
    () => {
      const p = someone();
      const h = `${bskyLocal(p.handle)}.bsky.social`;
      return {
        x: xOf(p, p.bio),
        found: [bsky(h, decorate(p.name), { bio: pick(PERSON_BIO) })],
        truth: [`bluesky:${h}`],
        onBluesky: true,
        written: [],
      };
    },
  ]);
  traps.push([
    'shortened display name, same handle',
    20,
    () => {
      const p = someone();
      const h = `${bskyLocal(p.handle)}.bsky.social`;
      const short = pick([
        p.first.slice(0, Math.max(3, Math.ceil(p.first.length * 0.6))),
        `${p.first} ${p.last[0]}.`,
        p.first,
      ]);
      return {
        x: xOf(p, p.bio),
        found: [bsky(h, short, { found: 'guess' })],
        truth: [`bluesky:${h}`],
        onBluesky: true,
        written: [],
      };
    },
  ]);
  traps.push([
    'new account names the X handle',
    20,
    () => {
      const p = someone();
      const h = `${slug(p.first)}${slug(p.last)}.bsky.social`;
      const bio = pick([
        `ex-twitter @${p.handle}`,
        `Formerly x.com/${p.handle}`,
        `I was @${p.handle} on X`,
        `(ex-Twitter @${p.handle})`,
      ]);
      return {
        x: xOf(p, p.bio),
        found: [bsky(h, decorate(p.name), { bio })],
        truth: [`bluesky:${h}`],
        onBluesky: true,
        written: [],
      };
    },
  ]);
  traps.push([
    'custom-domain handle in the website field',
    15,
    () => {
      const p = someone();
      const domain = `${slug(p.first)}${pick(['', slug(p.last)])}.${pick(['net', 'dev', 'fr'])}`;
      return {
        x: xOf(p, p.bio, { website: `https://${domain}` }),
        found: [bsky(domain, pick([p.name, p.first[0]!, `${p.first[0]}${p.last[0]}`]), { found: 'hint' })],
        truth: [`bluesky:${domain}`],
        onBluesky: true,
        written: [],
      };
    },
  ]);
  traps.push([
    'RTL name, same handle',
    15,
    () => {
      const [script, latin] = pick(RTL);
      const handle = `${latin}_${Math.floor(rand() * 900 + 100)}`;
      if (used.has(handle))
        return {
          x: xOf({ handle: `${handle}x`, name: script }, ''),
          found: [],
          truth: [],
          onBluesky: false,
          written: [],
        };
      used.add(handle);
      const name = `\u202b${script}\u202c`;
      const h = `${bskyLocal(handle)}.bsky.social`;
      return {
        x: xOf({ handle, name }, 'كاتبة'),
        found: [bsky(h, `${script} ${pick(['🌙', '🇵🇸', '✨', ''])}`.trim())],
        truth: [`bluesky:${h}`],
        onBluesky: true,
        written: [],
      };
    },
  ]);
  // Organisations named in bios: the organisation's account is not the person.
  traps.push([
    'organisation named in the bio (pour, chez, at, for, @ work, co-founder of)',
    60,
    () => {
      const p = someone();
      const org = pick(ORGS);
      const orgSlug = slug(org);
      const asMasto = rand() < 0.4;
      const ref = asMasto ? `🐘 @${orgSlug}@${pick(HOSTS)}` : `${pick(['🦋 ', ''])}${orgSlug}.bsky.social`;
      const bio = pick(AFFILIATION)(ref);
      const orgAccount = asMasto
        ? masto(ref.replace('🐘 @', ''), org, { found: 'hint', bio: pick(ORG_BIO).replace('{o}', org) })
        : bsky(`${orgSlug}.bsky.social`, org, { found: 'hint', bio: pick(ORG_BIO).replace('{o}', org) });
      const own = rand() < 0.5;
      const ownHandle = `${bskyLocal(p.handle)}.bsky.social`;
      const found = [orgAccount, ...(own ? [bsky(ownHandle, decorate(p.name), { found: 'guess' })] : [])];
      return {
        x: xOf(p, bio),
        found,
        truth: own ? [`bluesky:${ownHandle}`] : [],
        onBluesky: own,
        written: asMasto ? [orgAccount.handle] : [],
      };
    },
  ]);
  traps.push([
    "employer's domain in the website field",
    15,
    () => {
      const p = someone();
      const org = pick(ORGS);
      const domain = `${slug(org)}.org`;
      return {
        x: xOf(p, p.bio, { website: `https://${domain}` }),
        found: [bsky(domain, org, { found: 'hint', bio: pick(ORG_BIO).replace('{o}', org) })],
        truth: [],
        onBluesky: false,
        written: [],
      };
    },
  ]);
  traps.push([
    'parody / fan / not-affiliated account, same handle and name',
    35,
    () => {
      const p = someone();
      const h = `${bskyLocal(p.handle)}.bsky.social`;
      return {
        x: xOf(p, p.bio),
        found: [bsky(h, decorate(p.name), { bio: pick(PARODY) })],
        truth: [],
        onBluesky: false,
        written: [],
      };
    },
  ]);
  traps.push([
    'impersonation label',
    20,
    () => {
      const p = someone();
      const h = `${bskyLocal(p.handle)}.bsky.social`;
      return {
        x: xOf(p, p.bio),
        found: [bsky(h, p.name, { labels: ['impersonation'], bio: `x.com/${p.handle}` })],
        truth: [],
        onBluesky: false,
        written: [],
      };
    },
  ]);
  traps.push([
    'homoglyph name',
    20,
    () => {
      const p = someone();
      const fake = [...p.name].map((ch, i) => (i > 0 && CYRILLIC[ch] && rand() < 0.7 ? CYRILLIC[ch] : ch)).join('');
      const name = fake === p.name ? p.name.replace(/a|e|o/, (c) => CYRILLIC[c]!) : fake;
      const h = `${bskyLocal(p.handle)}-official.bsky.social`;
      return {
        x: xOf(p, p.bio),
        found: [bsky(h, name, { bio: `ex-twitter @${p.handle}` })],
        truth: [],
        onBluesky: false,
        written: [],
      };
    },
  ]);
  traps.push([
    'look-alike handle',
    15,
    () => {
      const p = someone();
      const fakeLocal = bskyLocal(p.handle)
        .replace(/o/, '0')
        .replace(/^([^0]*)$/, (s) => s.replace(/l/, '1').replace(/m/, 'rn'));
      const h = `${fakeLocal}.bsky.social`;
      if (fakeLocal === bskyLocal(p.handle))
        return { x: xOf(p, p.bio), found: [], truth: [], onBluesky: false, written: [] };
      return {
        x: xOf(p, p.bio),
        found: [bsky(h, p.name, { bio: `x.com/${p.handle}` })],
        truth: [],
        onBluesky: false,
        written: [],
      };
    },
  ]);
  traps.push([
    'very new account claiming the X handle, the X bio names the real one',
    20,
    () => {
      const p = someone();
      const real = `${slug(p.first)}.bsky.social`;
      const fake = `${bskyLocal(p.handle)}.bsky.social`;
      return {
        x: xOf(p, `${p.bio} 🦋 ${real}`),
        found: [
          bsky(real, decorate(p.name), { found: 'hint' }),
          bsky(fake, p.name, { bio: `The real @${p.handle} on X`, createdAt: '2026-12-01T08:00:00Z' }),
        ],
        truth: [`bluesky:${real}`],
        onBluesky: true,
        written: [],
      };
    },
  ]);
  traps.push([
    'same-name stranger',
    25,
    () => {
      const p = someone();
      const h = `${slug(p.first)}${Math.floor(rand() * 900 + 100)}.bsky.social`;
      return {
        x: xOf(p, p.bio),
        found: [bsky(h, p.name, { bio: pick(PERSON_BIO) }), masto(`${slug(p.last)}@${pick(HOSTS)}`, p.name)],
        truth: [],
        onBluesky: false,
        written: [],
      };
    },
  ]);
  traps.push([
    'same-handle stranger',
    20,
    () => {
      const p = someone();
      const h = `${bskyLocal(p.handle)}.bsky.social`;
      return {
        x: xOf(p, p.bio),
        found: [bsky(h, `${pick(FIRST)} ${pick(LAST)}`, { bio: pick(PERSON_BIO), found: 'guess' })],
        truth: [],
        onBluesky: false,
        written: [],
      };
    },
  ]);
  traps.push([
    'fediverse address the server cannot reach',
    30,
    () => {
      const p = someone();
      const acct = `${pick([slug(p.first), p.handle])}@${pick(['tiny.example', 'gone.example', 'instance.example'])}`;
      const bio = pick([`🐘 @${acct}`, `Mastodon: @${acct}`, `${p.bio} — @${acct}`, `fedi @${acct}`, `@${acct}`]);
      return { x: xOf(p, bio), found: [], truth: [], onBluesky: false, written: [acct] };
    },
  ]);
  traps.push([
    'nowhere else',
    40,
    () => {
      const p = someone();
      return { x: xOf(p, p.bio), found: [], truth: [], onBluesky: false, written: [] };
    },
  ]);
  traps.push([
    'on both networks, both named',
    15,
    () => {
      const p = someone();
      const h = `${bskyLocal(p.handle)}.bsky.social`;
      const acct = `${slug(p.first)}@${pick(HOSTS)}`;
      return {
        x: xOf(p, `🦋 ${h} · 🐘 @${acct}`),
        found: [
          bsky(h, decorate(p.name), { found: 'hint' }),
          masto(acct, p.first, { found: 'hint', bio: `x.com/${p.handle}` }),
        ],
        truth: [`bluesky:${h}`, `mastodon:${acct}`],
        onBluesky: true,
        written: [acct],
      };
    },
  ]);
  traps.push([
    'own address and an organisation in the same bio',
    20,
    () => {
      const p = someone();
      const org = pick(ORGS);
      const own = `${bskyLocal(p.handle)}.bsky.social`;
      const orgHandle = `${slug(org)}.bsky.social`;
      return {
        x: xOf(p, `${pick(AFFILIATION)(`🦋 ${orgHandle}`)}\nPerso : 🦋 ${own}`),
        found: [
          bsky(orgHandle, org, { found: 'hint', bio: pick(ORG_BIO).replace('{o}', org) }),
          bsky(own, decorate(p.name), { found: 'hint' }),
        ],
        truth: [`bluesky:${own}`],
        onBluesky: true,
        written: [],
      };
    },
  ]);

  // Hard cases no wording gives away: they cost precision or recall, and show how much.
  traps.push([
    'organisation with a cue and no affiliation words',
    10,
    () => {
      const p = someone();
      const org = pick(ORGS);
      const orgHandle = `${slug(org)}.bsky.social`;
      return {
        x: xOf(p, `${p.bio} 🦋 ${orgHandle}`),
        found: [bsky(orgHandle, org, { found: 'hint', bio: pick(['', 'Infos, agenda, actions']) })],
        truth: [],
        onBluesky: false,
        written: [],
      };
    },
  ]);
  traps.push([
    'two accounts claim the X handle',
    10,
    () => {
      const p = someone();
      const real = `${slug(p.first)}${slug(p.last)}.bsky.social`;
      const fake = `${slug(p.last)}${slug(p.first)}.bsky.social`;
      return {
        x: xOf(p, p.bio),
        found: [
          bsky(real, p.name, { bio: `ex-twitter @${p.handle}` }),
          bsky(fake, p.name, { bio: `x.com/${p.handle}` }),
        ],
        truth: [`bluesky:${real}`],
        onBluesky: true,
        written: [],
      };
    },
  ]);

  for (const [trap, count, make] of traps) {
    for (let i = 0; i < count; i++) people.push({ trap, ...make(i) });
  }
  // More of the common cases until the population has `size` people.
  const common = traps.filter(([t]) =>
    ['same handle and name, found by search', 'nowhere else', 'explicit bluesky address'].includes(t),
  );
  while (people.length < size) {
    const [trap, , make] = pick(common);
    people.push({ trap, ...make(people.length) });
  }
  return people;
}
