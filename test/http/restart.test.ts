/**
 * State survives a restart: a conversation stopped mid-flow goes on at the same step with a new server
 * process on the same data folder (SQLite state).
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

let t: Translate;
let repo: SqliteKnowledgeRepository;
const running: RunningBot[] = [];
const dataDirs: string[] = [];

async function start(dataDir?: string): Promise<RunningBot> {
  const bot = await startBot(dataDir ? { dataDir } : {});
  running.push(bot);
  if (!dataDirs.includes(bot.dataDir)) {
    dataDirs.push(bot.dataDir);
  }
  return bot;
}

async function stop(bot: RunningBot): Promise<void> {
  running.splice(running.indexOf(bot), 1);
  await bot.stop();
}

beforeAll(() => {
  t = englishTranslator();
  repo = openKnowledge();
});

afterAll(async () => {
  repo?.close();
  for (const bot of [...running]) {
    await stop(bot);
  }
  dataDirs.forEach(removeDataDir);
});

describe('restart in the middle of the guided flow', () => {
  it('a new server on the same DATA_DIR continues at the same step with the answers kept', async () => {
    const first = await start();
    // The conversation object only holds ids; it is pointed at the new server after the restart.
    const before = new HttpConversation(first.baseUrl);
    await before.join();
    await before.choose('menu:path');
    expect((await before.choose('country:IE')).text).toContain(t('flow:status.prompt'));
    const askedLevel = await before.choose('status:refugee');
    expect(askedLevel.text).toContain(t('flow:level.prompt'));
    const etagBeforeStop = before.conversationETag(first.dataDir);
    await stop(first);

    const second = await start(first.dataDir);
    const after = new HttpConversation(second.baseUrl, 'en-US', 'test', {
      userId: before.userId,
      conversationId: before.conversationId,
    });
    expect(after.conversationETag(second.dataDir)).toBe(etagBeforeStop);
    expect(after.profile(second.dataDir)).toMatchObject({ welcomed: true, country: 'IE', status: 'refugee' });

    // The pending question is the qualification one: the answer is taken, and the next question follows.
    const profession = await after.choose('level:master');
    expect(profession.text).not.toContain(t('welcome:intro'));
    expect(profession.text).not.toContain(t('common:retry'));
    expect(profession.text).toContain(t('flow:profession.prompt'));
    expect(after.profile(second.dataDir)).toMatchObject({ country: 'IE', status: 'refugee', level: 'master' });

    await after.choose('profession:engineer');
    await after.choose('documents:some');
    const plan = await after.choose('goal:work_now');
    const right = repo.workRight('IE', 'refugee');
    expect(right).toBeDefined();
    expect(plan.text).toContain(right!.sources[0]!.url);
    expect(plan.text).toContain('Checked on');
  });

  it('a restart between the question and the answer of a typed date keeps the pending date question', async () => {
    const first = await start();
    const user = new HttpConversation(first.baseUrl);
    await user.join();
    await user.choose('menu:path');
    await user.choose('country:IE');
    expect((await user.choose('status:asylum_seeker')).text).toContain(t('flow:asylumDate.prompt'));
    await stop(first);

    const second = await start(first.dataDir);
    const resumed = new HttpConversation(second.baseUrl, 'en-US', 'test', {
      userId: user.userId,
      conversationId: user.conversationId,
    });
    expect((await resumed.say('5 months ago')).text).toContain(t('flow:level.prompt'));
    expect(resumed.profile(second.dataDir)).toMatchObject({ status: 'asylum_seeker', asylumDate: '2026-06-22' });
  });

  it('other conversations on the restarted server start fresh and do not see the old answers', async () => {
    const first = await start();
    const old = new HttpConversation(first.baseUrl);
    await old.join();
    await old.choose('menu:path');
    await old.choose('country:IT');
    await stop(first);

    const second = await start(first.dataDir);
    const stranger = new HttpConversation(second.baseUrl);
    const welcome = await stranger.join();
    expect(welcome.text).toContain(t('welcome:intro'));
    expect(welcome.choices).toContain('menu:path');
    expect((await stranger.choose('menu:path')).text).toContain(t('flow:country.prompt'));
    expect(stranger.profile(second.dataDir)?.country).toBeUndefined();
  });
});
