import { startMastodonServer } from '../servers/mastodon/index.ts';
import { flatPng } from './support/images.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectMastodonWithToken, openComposerOption, postFromComposer } from './support/ui.ts';

test('images with descriptions through 202/206 processing, a content warning, every visibility, a language, a poll and a thread', async ({
  openPage,
  mastodon,
}) => {
  const username = uniqueName('m');
  const { id: accountId, token } = mastodon.createAccount(username);
  const options = await openPage('options.html');
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });
  const mine = () => mastodon.state.statuses.filter((s) => s.accountId === accountId);
  const { page, errors } = await openPage('compose.html');

  mastodon.faults.mediaProcessingMs = 1_200;
  await page.getByLabel('Add images (up to 4)').setInputFiles(
    await Promise.all(
      [0, 1, 2, 3].map(async (i) => ({
        name: `p${i}.png`,
        mimeType: 'image/png',
        buffer: await flatPng(200 + i * 50, 150, i * 60),
      })),
    ),
  );
  for (let i = 1; i <= 4; i++) await page.getByLabel(`Alt text for image ${i}`).fill(`Banderole ${i}`);
  await postFromComposer(page, 'Les banderoles 🪧');
  mastodon.faults.mediaProcessingMs = 0;
  const withMedia = mine().at(-1)!;
  expect(withMedia.mediaIds).toHaveLength(4);
  expect(withMedia.mediaIds.map((id) => mastodon.state.media.find((m) => m.id === id)?.description)).toEqual(
    [1, 2, 3, 4].map((n) => `Banderole ${n}`),
  );

  await openComposerOption(page, 'Warning');
  await page.getByLabel('Content warning').fill('Violences policières');
  await postFromComposer(page, 'Témoignage de la manifestation.');
  expect(mine().at(-1)).toMatchObject({ spoilerText: 'Violences policières', sensitive: true });
  await page.getByLabel('Content warning').fill('');

  await openComposerOption(page, 'Audience');
  for (const visibility of ['unlisted', 'private', 'direct', 'public'] as const) {
    await page.getByLabel('Mastodon visibility').selectOption(visibility);
    await postFromComposer(page, `Visibilité ${visibility}`);
    expect(mine().at(-1)).toMatchObject({ text: `Visibilité ${visibility}`, visibility });
  }

  await openComposerOption(page, 'Language');
  await page.getByLabel('Language', { exact: true }).selectOption('fr');
  await openComposerOption(page, 'Poll');
  await page.getByLabel('Add a poll').check();
  await page.getByLabel('Choice 1').fill('Samedi');
  await page.getByLabel('Choice 2').fill('Dimanche');
  await page.getByRole('button', { name: 'Add a choice' }).click();
  await page.getByLabel('Choice 3').fill('Les deux');
  await page.getByLabel('Allow several choices').check();
  await postFromComposer(page, 'Quel jour pour la prochaine marche ?');
  expect(mine().at(-1)).toMatchObject({
    language: 'fr',
    poll: { options: ['Samedi', 'Dimanche', 'Les deux'], multiple: true },
  });

  await page.getByLabel('Add a poll').uncheck();
  const sentence = 'Nous demandons des comptes, des actes et pas seulement des promesses pour le climat. ';
  await postFromComposer(page, sentence.repeat(15).trim());
  const thread = mine().slice(-3);
  expect(thread[0]!.inReplyToId).toBeNull();
  expect(thread[1]!.inReplyToId).toBe(thread[0]!.id);
  expect(thread[2]!.inReplyToId).toBe(thread[1]!.id);
  // 1 with media + 1 with a warning + 4 visibilities + 1 poll + a 3-part thread, each once.
  expect(mine()).toHaveLength(10);
  expect(errors).toEqual([]);
});

test('who can reply/quote on Mastodon: quote policy on 4.5, and a plain notice on an older server', async ({
  openPage,
  mastodon,
}) => {
  const old = await startMastodonServer({ version: '4.4.0' });
  try {
    const username = uniqueName('qp');
    const { id: accountId, token } = mastodon.createAccount(username);
    const options = await openPage('options.html');
    await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });
    const { page } = await openPage('compose.html');
    await openComposerOption(page, 'Audience');
    await page.getByRole('button', { name: 'Announcement — no replies' }).click();
    // Mastodon cannot close replies: the composer says so before posting.
    await expect(page.getByTestId('notice-not-applied')).toContainText('Mastodon cannot limit replies');
    await postFromComposer(page, 'Annonce officielle.');
    expect(mastodon.state.statuses.filter((s) => s.accountId === accountId).at(-1)).toMatchObject({
      visibility: 'public',
      quoteApprovalPolicy: 'nobody',
    });

    await page.getByLabel('Who can reply').selectOption('followers');
    await expect(page.getByTestId('notice-visibility')).toContainText('Followers only');
    await postFromComposer(page, 'Pour mes abonné·es.');
    expect(mastodon.state.statuses.filter((s) => s.accountId === accountId).at(-1)).toMatchObject({
      visibility: 'private',
    });

    // An older server: the quote rule cannot be applied there, and the composer says it plainly.
    const oldName = uniqueName('old');
    const oldAccount = old.createAccount(oldName);
    await options.page.reload();
    await connectMastodonWithToken(options.page, { server: old.url, token: oldAccount.token, username: oldName });
    const again = await openPage('compose.html');
    // The composer remembers the last accounts used; add the new one.
    await again.page.getByLabel(new RegExp(`Mastodon @${oldName}@`)).check();
    await openComposerOption(again.page, 'Audience');
    await again.page.getByRole('group', { name: 'Presets' }).getByRole('button', { name: 'Public' }).click();
    await again.page.getByLabel('Allow quotes', { exact: true }).uncheck();
    await expect(
      again.page.getByTestId('preview-mastodon').filter({ hasText: oldName }).getByTestId('notice-not-applied'),
    ).toContainText('cannot restrict who quotes');
    await postFromComposer(again.page, 'Sans citations, si possible.');
    expect(old.state.statuses.at(-1)).toMatchObject({ quoteApprovalPolicy: null });
  } finally {
    await old.close();
  }
});
