/**
 * Archives made to hurt: malformed items, files that are not what their
 * name says, links to other schemes, indices out of range, duplicate ids,
 * keys that try to reach prototypes. Each is counted or neutralised and the
 * rest of the archive is still read.
 */
import { TextReader, Uint8ArrayWriter, ZipWriter, configure } from '@zip.js/zip.js/index-native.js';
import { describe, expect, it } from 'vitest';
import { readArchive } from '../../../lib/archive/read.ts';
import { openArchiveZip } from '../../../lib/archive/zip.ts';

async function zipOf(files: Record<string, string>): Promise<Blob> {
  configure({ useWebWorkers: false });
  const writer = new ZipWriter(new Uint8ArrayWriter());
  for (const [path, text] of Object.entries(files)) await writer.add(path, new TextReader(text));
  return new Blob([await writer.close()]);
}

const tweet = (id: string, over: Record<string, unknown> = {}) => ({
  tweet: { id_str: id, full_text: `tweet ${id}`, created_at: 'Wed Oct 10 20:19:24 +0000 2018', lang: 'en', ...over },
});

describe('a hostile archive', () => {
  it('keeps what is sound and counts the rest', async () => {
    const blob = await zipOf({
      'data/account.js':
        'window.YTD.account.part0 = [{"account":{"accountId":"1","username":"me","__proto__":{"polluted":true}}}]',
      'data/tweets-part1.js': `window.YTD.tweets.part0 = ${JSON.stringify([
        tweet('10'),
        null,
        'string',
        { tweet: { id_str: '../../etc', full_text: 'x', created_at: 'x' } },
        tweet('11', { created_at: 'not a date' }),
        tweet('12', {
          full_text: 'click https://t.co/evil and https://t.co/ok',
          entities: {
            urls: [
              { url: 'https://t.co/evil', expanded_url: 'javascript:alert(1)', indices: ['6', '23'] },
              { url: 'https://t.co/ok', expanded_url: 'https://example.com/', indices: ['999', '1000'] },
            ],
          },
          display_text_range: ['0', '99999'],
        }),
        tweet('13', { full_text: 'a'.repeat(200_000) }),
        tweet('14', { entities: { urls: Array.from({ length: 500 }, () => ({ url: 'https://t.co/x' })) } }),
      ])}`,
      'data/tweets-part2.js': `window.YTD.tweets.part1 = ${JSON.stringify([tweet('10'), tweet('15')])}`,
      'data/tweets-part3.js': 'alert(document.cookie)',
      'data/note-tweet.js':
        'window.YTD.note_tweet.part0 = [{"noteTweet":{"noteTweetId":"1","createdAt":"nope","core":{"text":"x"}}}, 5]',
      'data/tweets_media/12-<script>.jpg': 'x',
    });
    const zip = await openArchiveZip(blob);
    const reading = await readArchive(zip);
    await zip.close();
    expect(reading.account).toEqual({ accountId: '1', username: 'me', displayName: 'me' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(reading.tweets.map((t) => t.id)).toEqual(['10', '12', '15']);
    // A link to another scheme stays the t.co it was; indices out of range fall back to where the link is.
    expect(reading.tweets[1]!.text).toBe('click https://t.co/evil and https://example.com/');
    expect(reading.issues).toEqual({
      // null, 'string', the bad id, the bad date, the 200,000-character text, the 500 links; the note item 5 (the dateless note is skipped quietly).
      malformed: 7,
      missingMedia: 0,
      unreadableFiles: ['data/tweets-part3.js'],
      duplicates: 1,
    });
  });

  it('refuses a ZIP whose entry names climb out of their folder', async () => {
    const blob = await zipOf({
      'data/account.js': 'window.YTD.account.part0 = []',
      'data/tweets_media/1-../../../evil.jpg': 'x',
    });
    await expect(openArchiveZip(blob)).rejects.toMatchObject({ code: 'not-a-zip' });
  });
});

describe('bounded reads', () => {
  it('refuses a data file over the bound, reads the others, and reads media whole within theirs', async () => {
    const big = `window.YTD.tweets.part0 = ${JSON.stringify(Array.from({ length: 50 }, (_, i) => tweet(String(100 + i))))}`;
    const blob = await zipOf({
      'data/account.js': 'window.YTD.account.part0 = [{"account":{"accountId":"1","username":"me"}}]',
      'data/tweets-part1.js': big,
      'data/tweets-part2.js': `window.YTD.tweets.part1 = ${JSON.stringify([tweet('7')])}`,
      'data/tweets_media/7-abc.jpg': 'ÿØÿà photo bytes ✓',
    });
    const zip = await openArchiveZip(blob, { maxDataFileBytes: 1000 });
    const reading = await readArchive(zip);
    expect(reading.tweets.map((t) => t.id)).toEqual(['7']);
    expect(reading.issues.unreadableFiles).toEqual(['data/tweets-part1.js']);
    const photo = await zip.readBlob('data/tweets_media/7-abc.jpg', 100, 'image/jpeg');
    expect(photo.type).toBe('image/jpeg');
    expect(await photo.text()).toBe('ÿØÿà photo bytes ✓');
    await expect(zip.readBlob('data/tweets_media/7-abc.jpg', 5)).rejects.toMatchObject({ code: 'too-large' });
    await zip.close();
  });
});
