import { describe, expect, it } from 'vitest';
import {
  canonicalHandle,
  hasMixedScript,
  isLookAlikeHandle,
  isShortenedName,
  isLookAlikeName,
  isSameHandle,
  nameSimilarity,
  normalizeName,
  skeleton,
} from '../../../lib/bridge/text';

describe('normalizeName', () => {
  it.each([
    ['Jane Doe', 'jane doe'],
    ['  JANE   DOE 🦋 ', 'jane doe'],
    ['Hélène Müller', 'helene muller'],
    ['Ｊａｎｅ　Ｄｏｅ', 'jane doe'], // fullwidth folds
    ['\u202bنادية\u202c 🌙', 'نادية'], // bidi embedding marks and emoji go
    ['Ana | ana.bsky.social', 'ana'],
    ['Bob (@bob@piaille.fr)', 'bob'],
    ['李小龍', '李小龍'],
    ['👩🏽‍💻', ''],
    ['J.R. Smith', 'j r smith'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('nameSimilarity', () => {
  it.each([
    ['Jane Doe', 'Jane Doe', 1],
    ['Jane Doe', 'jane doe ✨', 1],
    ['Jane Doe', 'Doe Jane', 0.99],
    ['Nadia 🌙', '\u200fNadia', 1],
    ['محمد علي', 'محمد علي 🇪🇬', 1],
    ['Hélène Müller', 'Helene Muller', 1],
  ])('%s ~ %s ≥ %s', (a, b, min) => {
    expect(nameSimilarity(a, b)).toBeGreaterThanOrEqual(min);
  });

  it.each([
    ['Jane Doe', 'John Smith'],
    ['Jane Doe', ''],
    ['🦋', '🦋'],
    ['Acme Corp', 'Jane Doe'],
  ])('%s and %s are not alike', (a, b) => {
    expect(nameSimilarity(a, b)).toBeLessThan(0.5);
  });

  it('keeps a name with an extra word close', () => {
    expect(nameSimilarity('Jane Doe', 'Jane Doe, writer')).toBeGreaterThanOrEqual(0.75);
  });
});

describe('look-alikes', () => {
  it('maps Cyrillic and Greek letters drawn like Latin ones', () => {
    expect(skeleton('Jаnе Dое')).toBe('jane doe'); // а, е, о are Cyrillic
    expect(skeleton('Αlex')).toBe('alex'); // Greek capital alpha
  });

  it.each([
    ['Jane Doe', 'Jаne Doe', true], // Cyrillic а
    ['Jane Doe', 'Jane Dοe', true], // Greek omicron
    ['Jane Doe', 'Jane Doe', false],
    ['Jane Doe', 'jane doe 🦋', false],
    ['Anna', 'Анна', false], // written wholly in Cyrillic: a transliteration
    ['Jane Doe', 'John Doe', false],
  ])('%s vs %s → %s', (x, other, expected) => {
    expect(isLookAlikeName(x, other)).toBe(expected);
  });

  it('spots mixed-script words', () => {
    expect(hasMixedScript('Jаne')).toBe(true);
    expect(hasMixedScript('Jane Анна')).toBe(false);
  });

  it.each([
    ['janedoe', 'janed0e', true],
    ['mike', 'rnike', true],
    ['will', 'vvill', true],
    ['jane_doe', 'jane-doe', false], // the same handle, Bluesky spelling
    ['janedoe', 'janedoe', false],
    ['janedoe', 'johndoe', false],
  ])('handle %s vs %s → %s', (x, other, expected) => {
    expect(isLookAlikeHandle(x, other)).toBe(expected);
  });

  it('treats separators as the same handle', () => {
    expect(canonicalHandle('Jane_Doe')).toBe('janedoe');
    expect(isSameHandle('jane_doe', 'jane-doe')).toBe(true);
    expect(isSameHandle('jane_doe', 'JaneDoe')).toBe(true);
    expect(isSameHandle('jane', 'janet')).toBe(false);
  });
});

describe('isShortenedName', () => {
  it.each<[string, string, boolean]>([
    ['Aurélie Dupont', 'Auré', true],
    ['Aurélie', 'Auré', true],
    ['Aurélie Dupont', 'Aurélie D.', true],
    ['Aurélie Dupont 🌻', 'AURÉLIE', true],
    ['Aurélie', 'Au', false], // too short to mean anything
    ['Aurélie Dupont', 'Dupont', false], // not from the start
    ['Aurélie', 'Aurélie', false], // the same, not shortened
    ['كاميل مارتن', 'كاميل', true],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(isShortenedName(a, b)).toBe(expected);
  });
});
