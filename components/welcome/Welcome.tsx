/**
 * The first run, in its own tab: one question (leaving X, or still using
 * it), what that answer set, then connecting accounts, then trying the
 * composer. Nothing on x.com changes before the answer (lib/settings.ts,
 * XChoice); every answer stays a switch in the options.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PublicAccount } from '../../lib/model/account.ts';
import { send } from '../../lib/messaging/client.ts';
import { choicePatch, type Settings } from '../../lib/settings.ts';
import { ConnectBluesky } from '../ConnectBluesky.tsx';
import { ConnectMastodon } from '../ConnectMastodon.tsx';
import { useT } from '../i18n.tsx';
import { openPageInTab as openPage } from '../page-url.ts';
import { SUGGESTED_MASTODON_SERVERS } from './servers.ts';
import type { UpdateSettings } from '../useSettings.ts';

type Step = 'choice' | 'done' | 'connect' | 'try';
type Answer = Exclude<Settings['choice'], 'undecided'>;

interface Props {
  settings: Settings;
  update: UpdateSettings;
}

export function Welcome({ settings, update }: Props) {
  const { t } = useT();
  const [step, setStep] = useState<Step>(settings.choice === 'undecided' ? 'choice' : 'done');
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // Each step's heading takes the focus, so keyboard and screen-reader users start at its top.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const current = step === 'done' ? 'choice' : step;
  return (
    <main class="welcome">
      <h1>{t('welcome.heading')}</h1>
      <nav aria-label={t('welcome.steps')}>
        <ol class="steps">
          {(['choice', 'connect', 'try'] as const).map((s) => (
            <li key={s} aria-current={s === current ? 'step' : undefined}>
              {t(`welcome.step.${s}`)}
            </li>
          ))}
        </ol>
      </nav>
      {step === 'choice' && (
        <Choice
          settings={settings}
          heading={heading}
          onChosen={async (answer, share) => {
            // An answer that was not saved is not confirmed: the page shows why, and the choice stays.
            if (await update(choicePatch(answer, share))) setStep('done');
          }}
        />
      )}
      {step === 'done' && (
        <Done
          settings={settings}
          heading={heading}
          onChange={() => setStep('choice')}
          onNext={() => setStep('connect')}
        />
      )}
      {step === 'connect' && <Connect heading={heading} onNext={() => setStep('try')} />}
      {step === 'try' && <Try heading={heading} />}
    </main>
  );
}

type HeadingRef = { current: HTMLHeadingElement | null };

function Choice({
  settings,
  heading,
  onChosen,
}: {
  settings: Settings;
  heading: HeadingRef;
  onChosen: (answer: Answer, share: boolean) => Promise<void>;
}) {
  const { t } = useT();
  const [answer, setAnswer] = useState<Answer | null>(settings.choice === 'undecided' ? null : settings.choice);
  // The share switch follows the answer's default until the person touches it.
  const [share, setShare] = useState<boolean | null>(settings.choice === 'undecided' ? null : settings.shareTakeover);
  const shareOn = share ?? (answer === null ? false : choicePatch(answer).shareTakeover === true);
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="welcome-choice">
      <p>{t('welcome.intro')}</p>
      <p class="notice" data-testid="welcome-now">
        {t('welcome.now')}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (answer === null) return;
          setBusy(true);
          void onChosen(answer, shareOn).finally(() => setBusy(false));
        }}
      >
        <fieldset class="choices">
          <legend>
            <h2 id="welcome-choice" ref={heading} tabIndex={-1}>
              {t('welcome.question')}
            </h2>
          </legend>
          {(['leaving', 'staying'] as const).map((a) => (
            <div key={a} class={`choice${answer === a ? ' chosen' : ''}`}>
              <input
                type="radio"
                id={`choice-${a}`}
                name="choice"
                value={a}
                checked={answer === a}
                aria-describedby={`choice-${a}-what`}
                onChange={() => setAnswer(a)}
              />{' '}
              <label for={`choice-${a}`}>{t(`welcome.${a}.label`)}</label>
              <ul id={`choice-${a}-what`}>
                <li>{t(`welcome.${a}.links`)}</li>
                <li>{t(`welcome.${a}.overlay`)}</li>
              </ul>
            </div>
          ))}
        </fieldset>
        <div class="toggle">
          <input
            id="welcome-share"
            type="checkbox"
            checked={shareOn}
            aria-describedby="welcome-share-hint"
            onChange={(e) => setShare(e.currentTarget.checked)}
          />{' '}
          <label for="welcome-share">{t('welcome.share')}</label>
          <p id="welcome-share-hint" class="muted">
            {t('welcome.shareHint')}
          </p>
        </div>
        <button type="submit" class="primary" disabled={answer === null || busy}>
          {t('welcome.confirm')}
        </button>
      </form>
    </section>
  );
}

function Done({
  settings,
  heading,
  onChange,
  onNext,
}: {
  settings: Settings;
  heading: HeadingRef;
  onChange: () => void;
  onNext: () => void;
}) {
  const { t } = useT();
  const answer: Answer = settings.choice === 'staying' ? 'staying' : 'leaving';
  return (
    <section aria-labelledby="welcome-done" data-testid="welcome-done" data-choice={settings.choice}>
      <h2 id="welcome-done" ref={heading} tabIndex={-1}>
        {t('welcome.done.title')}
      </h2>
      <div role="status">
        <ul>
          <li>{t(`welcome.${answer}.links`)}</li>
          <li>{settings.shareTakeover ? t('welcome.done.share.on') : t('welcome.done.share.off')}</li>
          {settings.xOverlay && <li>{t(`welcome.${answer}.overlay`)}</li>}
        </ul>
      </div>
      <p class="muted">
        {t('welcome.done.later')}{' '}
        <button type="button" class="link" onClick={() => openPage('/options.html')}>
          {t('welcome.openOptions')}
        </button>
      </p>
      <p class="actions">
        <button type="button" class="primary" onClick={onNext}>
          {t('welcome.next.connect')}
        </button>{' '}
        <button type="button" onClick={onChange}>
          {t('welcome.done.change')}
        </button>
      </p>
    </section>
  );
}

function Connect({ heading, onNext }: { heading: HeadingRef; onNext: () => void }) {
  const { t } = useT();
  const [accounts, setAccounts] = useState<PublicAccount[]>([]);
  const refresh = useCallback(() => {
    send('accounts.list').then(setAccounts, () => setAccounts([]));
  }, []);
  useEffect(refresh, [refresh]);
  return (
    <section aria-labelledby="welcome-connect">
      <h2 id="welcome-connect" ref={heading} tabIndex={-1}>
        {t('welcome.connect.title')}
      </h2>
      <p>{t('welcome.connect.intro')}</p>
      <p role="status" data-testid="welcome-accounts">
        {accounts.length === 0
          ? t('welcome.connect.none')
          : t('welcome.connect.connected', { handles: accounts.map((a) => a.handle).join(', ') })}
      </p>
      <div class="connect-forms">
        <ConnectBluesky onConnected={refresh} />
        <div>
          <ConnectMastodon onConnected={refresh} suggestions={SUGGESTED_MASTODON_SERVERS} />
          <p class="muted">{t('welcome.connect.servers')}</p>
          <ul class="servers">
            {SUGGESTED_MASTODON_SERVERS.map((s) => (
              <li key={s} lang="fr">
                <a href={`https://${s}/about`} target="_blank" rel="noreferrer">
                  {s}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <p class="actions">
        <button type="button" class="primary" onClick={onNext}>
          {accounts.length > 0 ? t('welcome.next.try') : t('welcome.skip')}
        </button>
      </p>
    </section>
  );
}

function Try({ heading }: { heading: HeadingRef }) {
  const { t } = useT();
  return (
    <section aria-labelledby="welcome-try">
      <h2 id="welcome-try" ref={heading} tabIndex={-1}>
        {t('welcome.try.title')}
      </h2>
      <p>{t('welcome.try.text')}</p>
      <p class="actions">
        <button type="button" class="primary" onClick={() => openPage('/compose.html')}>
          {t('welcome.try.open')}
        </button>{' '}
        <button type="button" onClick={() => openPage('/bridge.html')}>
          {t('welcome.try.bridge')}
        </button>{' '}
        <button type="button" onClick={() => openPage('/options.html')}>
          {t('welcome.openOptions')}
        </button>
      </p>
    </section>
  );
}
