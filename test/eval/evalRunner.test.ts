import {
  type CaseResult,
  type EvalCase,
  filterCases,
  formatReport,
  matchTurn,
  messagesUrl,
  normalizeReply,
  parseCases,
  replyText,
  runCases,
  summarize,
  turnActivity,
} from '../../scripts/evalRunner';
import { removeDataDir, type RunningBot, startBot } from '../helpers/botServer';

const evalCase = (fields: Partial<EvalCase> & Pick<EvalCase, 'id' | 'turns'>): EvalCase => ({
  lang: 'en',
  tags: [],
  line: 0,
  ...fields,
});

describe('parseCases', () => {
  it('reads one case a line, skipping blank lines', () => {
    const text = [
      '{"id": "a", "lang": "en", "tags": ["work"], "turns": [{"text": "hi", "expect": {"all": ["x"], "cites": true}}]}',
      '',
      '   ',
      '{"id": "b", "lang": "ar", "turns": [{"text": "مرحبا", "expect": {"all": [], "any": ["y"], "none": ["z"]}}]}',
    ].join('\n');
    const { cases, errors } = parseCases(text);
    expect(errors).toEqual([]);
    expect(cases).toEqual([
      { id: 'a', lang: 'en', tags: ['work'], line: 1, turns: [{ text: 'hi', expect: { all: ['x'], cites: true } }] },
      {
        id: 'b',
        lang: 'ar',
        tags: [],
        line: 4,
        turns: [{ text: 'مرحبا', expect: { all: [], any: ['y'], none: ['z'] } }],
      },
    ]);
  });

  it('reports every malformed line with its line number and keeps the good ones', () => {
    const good = '{"id": "ok", "lang": "en", "turns": [{"text": "hi", "expect": {"all": []}}]}';
    const text = [
      good,
      '{"id": "broken", ',
      '{"lang": "en", "turns": [{"text": "hi", "expect": {"all": []}}]}',
      '{"id": "noturns", "lang": "en", "turns": []}',
      '{"id": "badre", "lang": "en", "turns": [{"text": "hi", "expect": {"all": ["(unclosed"]}}]}',
      '{"id": "badcites", "lang": "en", "turns": [{"text": "hi", "expect": {"all": [], "cites": "yes"}}]}',
      '{"id": "typo", "lang": "en", "turns": [{"text": "hi", "expect": {"al": ["x"]}}]}',
      good,
      '[1, 2]',
    ].join('\n');
    const { cases, errors } = parseCases(text);
    expect(cases.map((item) => item.id)).toEqual(['ok']);
    expect(errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(errors[0]?.message).toMatch(/invalid JSON/);
    expect(errors[1]?.message).toMatch(/"id"/);
    expect(errors[2]?.message).toMatch(/turns/);
    expect(errors[3]?.message).toMatch(/invalid regex \/\(unclosed\//);
    expect(errors[4]?.message).toMatch(/cites/);
    expect(errors[5]?.message).toMatch(/unknown field.*al/);
    expect(errors[6]?.message).toMatch(/duplicate id "ok" \(first on line 1\)/);
  });
});

describe('filterCases', () => {
  it('keeps cases of one language and/or tag', () => {
    const cases = [
      evalCase({ id: 'a', lang: 'en', tags: ['work'], turns: [] }),
      evalCase({ id: 'b', lang: 'ar', tags: ['work', 'lang'], turns: [] }),
      evalCase({ id: 'c', lang: 'ar', tags: ['oos'], turns: [] }),
    ];
    expect(filterCases(cases, { lang: 'ar' }).map((item) => item.id)).toEqual(['b', 'c']);
    expect(filterCases(cases, { tag: 'work' }).map((item) => item.id)).toEqual(['a', 'b']);
    expect(filterCases(cases, { lang: 'ar', tag: 'work' }).map((item) => item.id)).toEqual(['b']);
  });
});

describe('matchTurn', () => {
  const reply = 'Asylum seekers may work after 3 months. Source: https://www.gov.si/x';

  it('needs every regex of all, case-insensitively, and names the one that failed', () => {
    expect(matchTurn({ all: ['\\b3\\b|three', 'ASYLUM'] }, reply)).toEqual({ passed: true, failures: [] });
    expect(matchTurn({ all: ['\\b3\\b', '\\b9\\b|nine'] }, reply)).toEqual({
      passed: false,
      failures: ['all: /\\b9\\b|nine/ did not match'],
    });
  });

  it('needs one regex of any when any is given and non-empty', () => {
    expect(matchTurn({ all: [], any: ['nine', 'months'] }, reply).passed).toBe(true);
    expect(matchTurn({ all: [], any: [] }, reply).passed).toBe(true);
    expect(matchTurn({ all: [], any: ['nine', 'twelve'] }, reply)).toEqual({
      passed: false,
      failures: ['any: none of /nine/, /twelve/ matched'],
    });
  });

  it('fails when a regex of none matches, quoting where', () => {
    expect(matchTurn({ all: [], none: ['not yet'] }, reply).passed).toBe(true);
    const check = matchTurn({ all: [], none: ['MAY WORK'] }, reply);
    expect(check.passed).toBe(false);
    expect(check.failures[0]).toMatch(/^none: \/MAY WORK\/ matched ".*may work after.*"$/);
  });

  it('checks for a source link with cites', () => {
    const noLink = 'I can only help with work and diplomas.';
    expect(matchTurn({ all: [], cites: true }, reply).passed).toBe(true);
    expect(matchTurn({ all: [], cites: true }, noLink).failures).toEqual([
      'cites: expected a source link (http…), found none',
    ]);
    expect(matchTurn({ all: [], cites: false }, noLink).passed).toBe(true);
    expect(matchTurn({ all: [], cites: false }, reply).failures).toEqual([
      'cites: expected no link, found https://www.gov.si/x',
    ]);
    expect(matchTurn({ all: [], cites: false }, 'see http://example.org').passed).toBe(false);
  });

  it('reports every failed check of a turn', () => {
    expect(matchTurn({ all: ['nine'], any: ['twelve'], none: ['months'], cites: false }, reply).failures).toHaveLength(
      4,
    );
  });

  it('reads Eastern Arabic and Persian digits as ASCII digits', () => {
    expect(normalizeReply('بعد ٤ أشهر و ۹ ماه، ١٢٣')).toBe('بعد 4 أشهر و 9 ماه، 123');
    expect(matchTurn({ all: ['\\b4\\b'] }, 'بعد ٤ أشهر').passed).toBe(true);
    expect(matchTurn({ all: ['\\b9\\b|nine'] }, 'پس از ۹ ماه').passed).toBe(true);
    expect(matchTurn({ all: [], any: ['10[.,]?001'] }, '١٠٬٠٠١ €').passed).toBe(false);
    expect(matchTurn({ all: [], any: ['10[.,]?001'] }, '١٠.٠٠١ €').passed).toBe(true);
    expect(matchTurn({ all: [], any: ['أربعة|٤'] }, 'after 4 months').passed).toBe(true);
    expect(matchTurn({ all: [], any: ['أربعة|٤'] }, 'بعد ٤ أشهر').passed).toBe(true);
  });

  it('is Unicode-aware', () => {
    expect(matchTurn({ all: ['ÉQUIVALENCE', 'шістдесят'] }, 'une équivalence; ШІСТДЕСЯТ днів').passed).toBe(true);
    expect(matchTurn({ all: ['^.{3}$'] }, '😀ab').passed).toBe(true);
  });
});

describe('replyText', () => {
  it('joins message text, card text and suggested action titles, and nothing else', () => {
    const activities = [
      { type: 'typing' },
      { type: 'message', text: 'First **answer**' },
      {
        type: 'message',
        text: '',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              type: 'AdaptiveCard',
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              version: '1.5',
              body: [
                { type: 'TextBlock', text: 'Card heading', weight: 'Bolder', size: 'Medium' },
                { type: 'Image', url: 'https://example.org/logo.png', altText: 'Logo' },
                { type: 'FactSet', facts: [{ title: 'Wait', value: '4 months' }] },
              ],
              actions: [
                { type: 'Action.Submit', title: 'Start my plan', data: { id: 'menu:path' } },
                { type: 'Action.OpenUrl', title: 'Read the source', url: 'https://www.cgrs.be/en' },
              ],
            },
          },
          {
            contentType: 'application/vnd.microsoft.card.hero',
            content: { title: 'Hero', buttons: [{ type: 'imBack', title: 'Ireland', value: 'country:IE' }] },
          },
        ],
        suggestedActions: {
          actions: [
            { type: 'messageBack', title: 'Belgium', text: 'country:BE', value: { id: 'country:BE' } },
            { type: 'messageBack', title: 'Spain', text: 'country:ES' },
          ],
        },
        channelData: { pathfinder: { text: 'not shown to the user' } },
      },
    ];
    expect(replyText(activities).split('\n')).toEqual([
      'First **answer**',
      'Card heading',
      'Logo',
      'Wait',
      '4 months',
      'Start my plan',
      'Read the source',
      'https://www.cgrs.be/en',
      'Hero',
      'Ireland',
      'Belgium',
      'Spain',
    ]);
  });

  it('lets a link in a card count as a citation, but not the card schema', () => {
    const schemaOnly = [
      {
        type: 'message',
        attachments: [{ content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', body: [] } }],
      },
    ];
    expect(matchTurn({ all: [], cites: false }, replyText(schemaOnly)).passed).toBe(true);
    const withLink = [
      { type: 'message', attachments: [{ content: { actions: [{ type: 'Action.OpenUrl', url: 'https://a.be' }] } }] },
    ];
    expect(matchTurn({ all: [], cites: true }, replyText(withLink)).passed).toBe(true);
  });
});

describe('turnActivity and messagesUrl', () => {
  const ids = { userId: 'u1', conversationId: 'c1' };

  it('sends locale en-US for English cases only', () => {
    expect(turnActivity('hi', 'en', ids)).toEqual({
      type: 'message',
      text: 'hi',
      channelId: 'eval',
      from: { id: 'u1' },
      recipient: { id: 'pathfinder' },
      conversation: { id: 'c1' },
      deliveryMode: 'expectReplies',
      locale: 'en-US',
    });
    expect(turnActivity('مرحبا', 'ar', ids)).not.toHaveProperty('locale');
  });

  it('accepts a base URL with or without the endpoint', () => {
    expect(messagesUrl('http://h:1')).toBe('http://h:1/api/messages');
    expect(messagesUrl('http://h:1/')).toBe('http://h:1/api/messages');
    expect(messagesUrl('http://h:1/api/messages')).toBe('http://h:1/api/messages');
  });
});

describe('summarize and formatReport', () => {
  const turn = (passed: boolean, inLanguage: boolean | undefined, reply = 'reply') => ({
    turn: 1,
    text: 'question',
    reply,
    passed,
    failures: passed ? [] : ['all: /\\b9\\b/ did not match'],
    inLanguage,
  });
  const results: CaseResult[] = [
    { id: 'en-1', lang: 'en', tags: ['work', 'BE'], line: 1, passed: true, turns: [turn(true, true)] },
    { id: 'en-2', lang: 'en', tags: ['work'], line: 2, passed: false, turns: [turn(false, true, 'x'.repeat(2000))] },
    {
      id: 'ar-1',
      lang: 'ar',
      tags: ['work', 'lang'],
      line: 3,
      passed: false,
      turns: [turn(true, false), { ...turn(false, true), turn: 2 }],
    },
    { id: 'pt-1', lang: 'pt', tags: [], line: 4, passed: true, turns: [turn(true, undefined)] },
  ];
  const errors = [{ line: 5, message: 'invalid JSON: Unexpected end' }];

  it('scores overall (malformed lines count as failed), per tag and per language', () => {
    const summary = summarize(results, errors);
    expect(summary.overall).toEqual({ total: 5, passed: 2, percent: 40 });
    expect(summary.malformed).toBe(1);
    expect(summary.byTag).toEqual({
      BE: { total: 1, passed: 1, percent: 100 },
      lang: { total: 1, passed: 0, percent: 0 },
      work: { total: 3, passed: 1, percent: 33.3 },
    });
    expect(summary.byLang).toEqual({
      ar: { total: 1, passed: 0, percent: 0 },
      en: { total: 2, passed: 1, percent: 50 },
      pt: { total: 1, passed: 1, percent: 100 },
    });
    expect(summary.languageShare).toEqual({
      ar: { replies: 2, inLanguage: 1, percent: 50 },
      en: { replies: 2, inLanguage: 2, percent: 100 },
    });
  });

  it('scores an empty run as 0%', () => {
    expect(summarize([]).overall).toEqual({ total: 0, passed: 0, percent: 0 });
  });

  it('prints the scores and every failing case with its turn, check and truncated reply', () => {
    const report = formatReport(summarize(results, errors), results, errors);
    expect(report).toMatch(/^Overall: 2\/5 cases passed \(40\.0%\), 1 malformed line\(s\) counted as failed$/m);
    expect(report).toMatch(/^ {2}work +1\/3 +33\.3%$/m);
    expect(report).toMatch(/^ {2}ar +0\/1 +0\.0% +in ar: 1\/2 replies \(50\.0%\)$/m);
    expect(report).toMatch(/^ {2}pt +1\/1 +100\.0% +language not checked$/m);
    expect(report).toContain('✗ line 5: malformed case: invalid JSON');
    expect(report).toContain('✗ en-2 [en; work]');
    expect(report).toContain('✗ ar-1 [ar; work, lang]\n  turn 2/2 ✗ "question"\n    - all: /\\b9\\b/ did not match');
    expect(report).not.toContain('en-1');
    expect(report).toContain(`${'x'.repeat(600)}… (1400 more chars)`);
    expect(report).not.toContain('x'.repeat(601));
    const verbose = formatReport(summarize(results, errors), results, errors, { verbose: true });
    expect(verbose).toContain('x'.repeat(2000));
    expect(verbose).toContain('turn 1/2 ✓');
  });
});

describe('runCases against the real bot', () => {
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot();
  });

  afterAll(async () => {
    await bot.stop();
    removeDataDir(bot.dataDir);
  });

  it('plays each case as a fresh conversation and matches the replies', async () => {
    const cases: EvalCase[] = [
      evalCase({
        id: 'path',
        tags: ['flow'],
        turns: [{ text: 'find my path', expect: { all: ['Belgium', 'Ireland', 'United Kingdom'] } }],
      }),
      evalCase({
        id: 'oos',
        tags: ['oos'],
        turns: [{ text: 'Tell me a joke', expect: { all: [], none: ['NARIC|CIMEA|permit'], cites: false } }],
      }),
      evalCase({
        id: 'si-asylum',
        tags: ['work'],
        turns: [{ text: 'Can asylum seekers work in Slovenia?', expect: { all: ['\\b3\\b|three'], cites: true } }],
      }),
      evalCase({
        id: 'fails-then-continues',
        tags: ['flow'],
        turns: [
          { text: 'find my path', expect: { all: [], none: ['Belgium'] } },
          { text: 'Ireland', expect: { all: [] } },
        ],
      }),
    ];
    const seen: string[] = [];
    const results = await runCases(bot.baseUrl, cases, { onCase: (result) => seen.push(result.id) });

    // The failures (not just a boolean) so that a regression in the bot shows what it answered wrongly.
    expect(results.map((result) => [result.id, result.turns.flatMap((turn) => turn.failures)])).toEqual([
      ['path', []],
      ['oos', []],
      ['si-asylum', []],
      ['fails-then-continues', [expect.stringMatching(/^none: \/Belgium\/ matched/)]],
    ]);
    expect(results.map((result) => result.passed)).toEqual([true, true, true, false]);
    expect([...seen].sort()).toEqual(['fails-then-continues', 'oos', 'path', 'si-asylum']);
    const failed = results[3] as CaseResult;
    expect(failed.turns).toHaveLength(2);
    expect(failed.turns[1]?.passed).toBe(true);
    expect(failed.turns[1]?.reply).not.toBe('');
    // Fresh conversations: the second case does not continue the first one's flow.
    expect(results[0]?.turns[0]?.reply).toBe(failed.turns[0]?.reply);
    expect(results.every((result) => result.turns.every((turn) => turn.inLanguage === true))).toBe(true);
    expect(summarize(results).overall).toEqual({ total: 4, passed: 3, percent: 75 });
  });

  it('fails the turns of a bot that cannot be reached, without throwing', async () => {
    const [result] = await runCases('http://127.0.0.1:1', [
      evalCase({ id: 'down', turns: [{ text: 'hi', expect: { all: [] } }] }),
    ]);
    expect(result?.passed).toBe(false);
    expect(result?.turns[0]?.failures[0]).toMatch(/^request failed: /);
  });
});
