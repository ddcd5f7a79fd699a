/**
 * Simultaneous requests: turns of one conversation run one after the other (a double tap loses nothing),
 * turns of different conversations run side by side without mixing.
 */
import type { Translate } from '../../dialogs/localizer';
import type { SqliteKnowledgeRepository } from '../../knowledge/knowledgeRepository';
import {
  englishTranslator,
  HttpConversation,
  openKnowledge,
  removeDataDir,
  type RunningBot,
  startBot,
} from '../helpers/botServer';

let bot: RunningBot;
let t: Translate;
let repo: SqliteKnowledgeRepository;

/** Lets other pending work (here: the other request) run, without waiting for any fixed time. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

beforeAll(async () => {
  bot = await startBot();
  // A slow channel: every reply yields to the event loop a few times before it is sent, between the turn's state
  // read and its save, as a real channel does (replies are HTTP calls unless deliveryMode is expectReplies).
  // Without it, turns on the synchronous SQLite store finish before the next request is parsed and never overlap,
  // so these tests could not tell a working turn queue from none (checked: without the queue they fail).
  bot.app.adapter.use(async (context, next) => {
    context.onSendActivities(async (_context, _activities, send) => {
      for (let i = 0; i < 3; i += 1) {
        await yieldToEventLoop();
      }
      return send();
    });
    await next();
  });
  t = englishTranslator();
  repo = openKnowledge();
});

afterAll(async () => {
  repo?.close();
  await bot?.stop();
  if (bot) {
    removeDataDir(bot.dataDir);
  }
});

async function atCountryQuestion(): Promise<HttpConversation> {
  const user = new HttpConversation(bot.baseUrl);
  await user.join();
  expect((await user.choose('menu:path')).text).toContain(t('flow:country.prompt'));
  return user;
}

describe('one conversation, several requests at the same time', () => {
  it('a double tap on the same button: the first tap answers, the second meets the next question', async () => {
    const user = await atCountryQuestion();

    const taps = await Promise.all([user.choose('country:IE'), user.choose('country:IE')]);

    for (const tap of taps) {
      expect(tap.text).toContain(t('flow:status.prompt'));
    }
    // Had the turns overlapped, both would have started from the country question and both would have answered
    // it. Processed one after the other, exactly one is the answer and the other is a retry of the status question.
    const retries = taps.filter((tap) => tap.text.includes(t('common:retry')));
    expect(retries).toHaveLength(1);

    expect(user.profile(bot.dataDir)).toMatchObject({ country: 'IE' });
    expect((await user.choose('status:refugee')).text).toContain(t('flow:level.prompt'));
  });

  it('four taps at once are processed one by one', async () => {
    const user = await atCountryQuestion();
    const taps = await Promise.all(Array.from({ length: 4 }, () => user.choose('country:IT')));
    expect(taps.filter((tap) => tap.text.includes(t('common:retry')))).toHaveLength(3);
    expect(user.profile(bot.dataDir)).toMatchObject({ country: 'IT' });
    expect((await user.choose('status:refugee')).text).toContain(t('flow:level.prompt'));
  });

  it('two different answers at once: both kept, or the later one is understood against the next question', async () => {
    const user = await atCountryQuestion();
    await user.choose('country:IE');

    const [status, level] = await Promise.all([user.choose('status:refugee'), user.choose('level:bachelor')]);

    // The status answer is always taken: it either came first, or came after a level answer that did not fit the
    // status question (a retry, which leaves the question pending).
    expect(status.text).toContain(t('flow:level.prompt'));
    const profile = user.profile(bot.dataDir);
    expect(profile).toMatchObject({ country: 'IE', status: 'refugee' });
    if (profile?.level === 'bachelor') {
      // In order: the level answered the qualification question that the status answer led to.
      expect(level.text).toContain(t('flow:profession.prompt'));
    } else {
      // Out of order: the level answer met the status question and was not understood; nothing was lost.
      expect(level.text).toContain(t('common:retry'));
      expect(level.text).toContain(t('flow:status.prompt'));
      expect((await user.choose('level:bachelor')).text).toContain(t('flow:profession.prompt'));
    }
    expect(user.profile(bot.dataDir)).toMatchObject({ country: 'IE', status: 'refugee', level: 'bachelor' });
  });
});

describe('different conversations at the same time', () => {
  const COUNTRIES = ['IE', 'IT', 'NL', 'ES', 'UK', 'HU', 'SK', 'SI'] as const;

  it('eight conversations answering in lockstep each keep their own answers', async () => {
    const users = COUNTRIES.map(() => new HttpConversation(bot.baseUrl));
    await Promise.all(users.map((user) => user.join()));
    await Promise.all(users.map((user) => user.choose('menu:path')));
    const statusQuestions = await Promise.all(users.map((user, i) => user.choose(`country:${COUNTRIES[i]}`)));
    for (const reply of statusQuestions) {
      expect(reply.text).toContain(t('flow:status.prompt'));
      expect(reply.text).not.toContain(t('common:retry'));
    }
    const statuses = users.map((_user, i) => (i % 2 === 0 ? 'refugee' : 'temporary_protection'));
    const levelQuestions = await Promise.all(users.map((user, i) => user.choose(`status:${statuses[i]}`)));
    for (const reply of levelQuestions) {
      expect(reply.text).toContain(t('flow:level.prompt'));
    }
    users.forEach((user, i) => {
      expect(user.profile(bot.dataDir)).toMatchObject({ country: COUNTRIES[i], status: statuses[i] });
    });
  });

  it('two users reach their plans at the same time and each plan is about their own country', async () => {
    const ireland = await atCountryQuestion();
    const italy = await atCountryQuestion();
    const steps: [string, string][] = [
      ['country:IE', 'country:IT'],
      ['status:refugee', 'status:refugee'],
      ['level:bachelor', 'level:secondary'],
      ['profession:nurse', 'profession:cook'],
      ['documents:all', 'documents:none'],
    ];
    for (const [a, b] of steps) {
      const [replyA, replyB] = await Promise.all([ireland.choose(a), italy.choose(b)]);
      expect(replyA.text).not.toContain(t('common:retry'));
      expect(replyB.text).not.toContain(t('common:retry'));
    }
    const [planIE, planIT] = await Promise.all([ireland.choose('goal:recognition'), italy.choose('goal:work_now')]);

    const rightIE = repo.workRight('IE', 'refugee');
    const rightIT = repo.workRight('IT', 'refugee');
    expect(rightIE && rightIT).toBeDefined();
    expect(planIE.text).toContain(rightIE!.sources[0]!.url);
    expect(planIT.text).toContain(rightIT!.sources[0]!.url);
    expect(planIE.text).not.toContain(rightIT!.sources[0]!.url);
    expect(planIT.text).not.toContain(rightIE!.sources[0]!.url);

    expect(ireland.profile(bot.dataDir)).toMatchObject({ country: 'IE', level: 'bachelor', goal: 'recognition' });
    expect(italy.profile(bot.dataDir)).toMatchObject({ country: 'IT', level: 'secondary', goal: 'work_now' });
  });
});
