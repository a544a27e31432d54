import { describe, expect, it } from 'vitest';
import { hostsInText, isBareHostName } from '../../privacy/bundle-hosts';

const options = {
  notHosts: new Set(['compose.post', 'error.network', 'app.name']),
  identifierPrefixes: ['app.bsky.', 'com.atproto.', 'sortie.'],
};
const hosts = (code: string) => [...hostsInText(code, options).keys()].sort();

describe('hosts named in a bundle', () => {
  it.each<[string, string, string[]]>([
    [
      'URL literals, any scheme we use',
      'fetch(`https://bsky.social/xrpc`);new WebSocket("wss://jet.example.net/s")',
      ['bsky.social', 'jet.example.net'],
    ],
    ['a URL host whatever its TLD', "new URL(p, 'https://invalid.invalid/')", ['invalid.invalid']],
    ['URLs inside longer strings', '"See https://github.com/wxt-dev/wxt/issues/371 for more"', ['github.com']],
    [
      'bare host names in string literals',
      "const M=[['xcancel.com','xcancel'],[`nitter.net`]]",
      ['nitter.net', 'xcancel.com'],
    ],
    ['host suffixes', "h.endsWith('.bsky.social')", ['bsky.social']],
    ['host names in regular expressions', 'const r=/^(?:www\\.)?x\\.com$/,s=/bsky\\.app\\//', ['bsky.app', 'x.com']],
    ['loopback', 'new Set([`localhost`,`127.0.0.1`])', ['127.0.0.1', 'localhost']],
    ['a template URL has no host', 'f(`https://${host}/api/v1/apps`)', []],
    ['i18n keys and message names are ours', 't(\'compose.post\');t(`error.network`);t("app.name")', []],
    [
      'lexicon ids and storage keys are not hosts',
      "{$type:'app.bsky.feed.post'},'com.atproto.repo.putRecord',`sortie.links.health`",
      [],
    ],
    ['camelCase property paths are code', "'this.state.value','nodejs.util.inspect.custom'", []],
    ['file names with non-TLD endings', "'background.js','engine.html','icon.svg'", []],
    ['a dotted list longer than a host name', `'${Array.from({ length: 70 }, () => 'com').join('.')}'`, []],
  ])('%s', (_name, code, expected) => {
    expect(hosts(code)).toEqual(expected);
  });

  it.each([
    ['mastodon.social', true],
    ['nuku.trabun.org', true],
    ['queue.state.sent', false],
    ['x.notatld', false],
    ['app.bsky.feed.like', false],
  ])('%s is a bare host name: %s', (name, expected) => {
    expect(isBareHostName(name, options)).toBe(expected);
  });
});
