/**
 * Whole guided flows over real HTTP: the questions asked, the choice ids offered, and a plan built from the
 * knowledge base with its sources and "checked on" dates. Expected content is read from the compiled
 * knowledge base, so editors can change wording without breaking these tests.
 */
import type { Translate } from '../../dialogs/localizer';
import { formatDate } from '../../dialogs/knowledgeText';
import type { SqliteKnowledgeRepository } from '../../knowledge/knowledgeRepository';
import {
  allKnowledgeData,
  englishTranslator,
  HttpConversation,
  openKnowledge,
  removeDataDir,
  type RunningBot,
  startBot,
  TEST_TODAY,
  urlsIn,
} from '../helpers/botServer';

let bot: RunningBot;
let t: Translate;
let repo: SqliteKnowledgeRepository;
let knowledgeData: string;

beforeAll(async () => {
  bot = await startBot();
  t = englishTranslator();
  repo = openKnowledge();
  knowledgeData = allKnowledgeData();
});

afterAll(async () => {
  repo?.close();
  await bot?.stop();
  if (bot) {
    removeDataDir(bot.dataDir);
  }
});

const NINE_COUNTRIES = ['BE', 'HU', 'IE', 'IT', 'NL', 'SK', 'SI', 'ES', 'UK'].map((code) => `country:${code}`);

/** Every address the plan shows comes from the knowledge base, and each step says when it was checked. */
function expectGroundedPlan(text: string): void {
  const urls = urlsIn(text);
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    expect(knowledgeData).toContain(url);
  }
  expect(text).toContain('Checked on');
  expect(text).toMatch(/Source: .+ https?:\/\//);
}

interface CitableEntry {
  title: { en?: string };
  summary: { en?: string };
  sources: { url: string }[];
}

/** The entry is shown (its English title or its summary) with its first source address. */
function expectEntryCited(text: string, entry: CitableEntry | undefined): void {
  expect(entry).toBeDefined();
  const shown = [entry!.title.en, entry!.summary.en].filter((part): part is string => !!part && text.includes(part));
  expect(shown).not.toEqual([]);
  expect(text).toContain(entry!.sources[0]!.url);
}

describe('guided flow for a refugee', () => {
  it('join → find my path → country → status → level → profession → documents → goal → a sourced plan', async () => {
    const user = new HttpConversation(bot.baseUrl);

    const welcome = await user.join();
    expect(welcome.text).toContain(t('welcome:intro'));
    expect(welcome.choices).toEqual(expect.arrayContaining(['menu:path', 'menu:question', 'menu:employer']));

    const country = await user.choose('menu:path');
    expect(country.text).toContain(t('flow:country.prompt'));
    expect(country.choices).toEqual(expect.arrayContaining(NINE_COUNTRIES));

    const status = await user.choose('country:IE');
    expect(status.text).toContain(t('flow:status.prompt'));
    expect(status.choices).toEqual(
      expect.arrayContaining([
        'status:refugee',
        'status:asylum_seeker',
        'status:temporary_protection',
        'status:unsure',
      ]),
    );

    const level = await user.choose('status:refugee');
    expect(level.text).toContain(t('flow:level.prompt'));
    expect(level.choices).toEqual(expect.arrayContaining(['level:none', 'level:bachelor', 'level:master']));
    // Buttons carry stable ids and translated labels.
    expect(level.titles).toContain(t('flow:level.labels.bachelor'));

    const profession = await user.choose('level:bachelor');
    expect(profession.text).toContain(t('flow:profession.prompt'));
    expect(profession.choices).toEqual(expect.arrayContaining(['profession:nurse', 'profession:other']));

    const documents = await user.choose('profession:nurse');
    expect(documents.text).toContain(t('flow:documents.prompt'));
    expect(documents.choices).toEqual(['documents:all', 'documents:some', 'documents:none']);

    const goal = await user.choose('documents:all');
    expect(goal.text).toContain(t('flow:goal.prompt'));
    expect(goal.choices).toEqual(expect.arrayContaining(['goal:work_now', 'goal:recognition']));

    const plan = await user.choose('goal:recognition');
    expect(plan.text).toContain('Ireland');
    expect(plan.replies.length).toBeGreaterThan(2);
    expectGroundedPlan(plan.text);
    expectEntryCited(plan.text, repo.workRight('IE', 'refugee'));
    expectEntryCited(plan.text, repo.profession('IE', 'nurse'));
    const academic = repo.procedures('IE', 'academic');
    expect(academic.length).toBeGreaterThan(0);
    expectEntryCited(plan.text, academic[0]);
    // Another country's rules do not leak in.
    expect(plan.text).not.toContain(repo.workRight('IT', 'refugee')?.title.en ?? '(none)');
    // After the plan the user is back at the menu.
    expect(plan.choices).toContain('menu:path');

    expect(user.profile(bot.dataDir)).toMatchObject({
      country: 'IE',
      status: 'refugee',
      level: 'bachelor',
      profession: 'nurse',
      documents: 'all',
      goal: 'recognition',
    });
  });

  it('typed answers instead of buttons, with a waiting period computed from "5 months ago"', async () => {
    const user = new HttpConversation(bot.baseUrl);
    await user.join();

    expect((await user.say('find my path')).choices).toContain('country:IE');
    expect((await user.say('Ireland')).text).toContain(t('flow:status.prompt'));
    const date = await user.say('asylum seeker');
    expect(date.text).toContain(t('flow:asylumDate.prompt'));
    expect(date.choices).toContain('date:unknown');
    expect((await user.say('5 months ago')).text).toContain(t('flow:level.prompt'));
    expect((await user.say('secondary school')).text).toContain(t('flow:profession.prompt'));
    expect((await user.say('cook')).text).toContain(t('flow:documents.prompt'));
    expect((await user.say('some')).text).toContain(t('flow:goal.prompt'));
    const plan = await user.say('work now');

    expect(user.profile(bot.dataDir)).toMatchObject({
      country: 'IE',
      status: 'asylum_seeker',
      asylumDate: '2026-06-22',
      level: 'secondary',
      profession: 'cook',
      documents: 'some',
      goal: 'work_now',
    });
    const right = repo.workRight('IE', 'asylum_seeker');
    expectEntryCited(plan.text, right);
    expectGroundedPlan(plan.text);
    // The date the user may start work is worked out on the test's fixed calendar.
    if (right?.waiting?.unit === 'months') {
      const workFrom = new Date('2026-06-22T00:00:00Z');
      workFrom.setUTCMonth(workFrom.getUTCMonth() + right.waiting.amount);
      const today = new Date(TEST_TODAY);
      const key = workFrom <= today ? 'plan:work.allowedSince' : 'plan:work.notYet';
      expect(plan.text).toContain(t(key, { date: formatDate(workFrom.toISOString().slice(0, 10), 'en') }));
    }
  });
});

describe('guided flow for an employer', () => {
  it('join → employer → country → region → candidate status → a hiring checklist with sources', async () => {
    const employer = new HttpConversation(bot.baseUrl);
    await employer.join();

    const country = await employer.choose('menu:employer');
    expect(country.text).toContain(t('flow:country.promptEmployer'));
    expect(country.choices).toEqual(expect.arrayContaining(NINE_COUNTRIES));

    // Belgium asks for the region first: work authorisation is regional there.
    const region = await employer.choose('country:BE');
    expect(region.text).toContain(t('flow:country.region.prompt'));
    expect(region.choices).toEqual(expect.arrayContaining(['region:BE-VLG', 'region:BE-WAL', 'region:BE-BRU']));

    const status = await employer.choose('region:BE-VLG');
    expect(status.text).toContain(t('flow:status.promptEmployer'));
    expect(status.choices).toEqual(expect.arrayContaining(['status:refugee', 'status:asylum_seeker']));
    // An employer must pick a real status: there is no "not sure" for the candidate.
    expect(status.choices).not.toContain('status:unsure');

    const checklist = await employer.choose('status:asylum_seeker');
    expectGroundedPlan(checklist.text);
    expectEntryCited(checklist.text, repo.workRight('BE', 'asylum_seeker'));
    const rules = repo.employerRules('BE', 'asylum_seeker');
    expect(rules.length).toBeGreaterThan(0);
    const checks = rules.find((rule) => rule.ruleType === 'checks');
    expectEntryCited(checklist.text, checks ?? rules[0]);
    expect(checklist.choices).toContain('menu:employer');

    expect(employer.profile(bot.dataDir)).toMatchObject({
      flow: 'employer',
      country: 'BE',
      region: 'BE-VLG',
      candidateStatus: 'asylum_seeker',
    });
  });
});
