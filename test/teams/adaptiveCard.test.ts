/**
 * How a channel-neutral reply becomes a Teams Adaptive Card, and how incoming Teams text is cleaned of @mentions.
 */
import { MAX_ACTIONS_PER_ROW, textBlocks, toAdaptiveCard } from '../../bot/channels/teams/adaptiveCard';
import { stripMentions, submittedChoiceId, welcomePersonalInstall } from '../../bot/channels/teams/teamsInput';
import { LRI } from '../../locales/bidi';

const WORDS = { sources: 'Sources' };

describe('the Adaptive Card of a reply', () => {
  it('writes each line as a wrapped TextBlock, bold lines as bold blocks, paragraphs with space between', () => {
    const blocks = textBlocks(
      '**Step 1: Work**\nYou can work.\n• From month 6\n\n# Next\nUse `the portal`.\n> Quoted',
      false,
    );
    expect(blocks).toEqual([
      { type: 'TextBlock', text: 'Step 1: Work', wrap: true, weight: 'Bolder' },
      { type: 'TextBlock', text: 'You can work.', wrap: true },
      { type: 'TextBlock', text: '• From month 6', wrap: true },
      { type: 'TextBlock', text: 'Next', wrap: true, weight: 'Bolder', spacing: 'Medium' },
      { type: 'TextBlock', text: 'Use the portal.', wrap: true },
      { type: 'TextBlock', text: 'Quoted', wrap: true },
    ]);
  });

  it('lists the sources as links under a translated heading, keeping the markdown intact', () => {
    const card = toAdaptiveCard(
      {
        text: 'Answer',
        citations: [{ title: 'Guide [2025]', url: 'https://example.org/a_(b) c' }],
        lang: 'fr',
        dir: 'ltr',
      },
      { sources: 'Sources (fr)' },
    );
    expect(card.version).toBe('1.5');
    expect(card.lang).toBe('fr');
    expect(card.rtl).toBeUndefined();
    expect(card.body.slice(1)).toEqual([
      { type: 'TextBlock', text: 'Sources (fr)', wrap: true, weight: 'Bolder', spacing: 'Medium', separator: true },
      { type: 'TextBlock', text: '[Guide (2025)](https://example.org/a_%28b%29%20c)', wrap: true },
    ]);
  });

  it('turns choices into rows of buttons that send the stable id and show the label', () => {
    const choices = ['IE', 'BE', 'IT', 'NL', 'ES'].map((code) => ({ id: `country:${code}`, label: `Country ${code}` }));
    const card = toAdaptiveCard({ text: 'Where?', choices }, WORDS);
    const rows = card.body.filter((element) => element.type === 'ActionSet');
    expect(rows).toHaveLength(Math.ceil(choices.length / MAX_ACTIONS_PER_ROW));
    const actions = rows.flatMap((row) => (row.type === 'ActionSet' ? row.actions : []));
    expect(actions[0]).toEqual({
      type: 'Action.Submit',
      title: 'Country IE',
      data: { id: 'country:IE', msteams: { type: 'messageBack', text: 'country:IE', displayText: 'Country IE' } },
    });
    expect(actions.map((action) => action.data.id)).toEqual(choices.map((choice) => choice.id));
  });

  it('lays out right-to-left replies right to left and isolates left-to-right runs', () => {
    const card = toAdaptiveCard({ text: 'يمكنك العمل بعد 6 أشهر', lang: 'ar', dir: 'rtl' }, WORDS, 'fallback');
    expect(card.rtl).toBe(true);
    expect(card.lang).toBe('ar');
    expect(card.fallbackText).toBe('fallback');
    expect(card.body[0]).toMatchObject({ type: 'TextBlock' });
    expect((card.body[0] as { text: string }).text).toContain(`${LRI}6`);
  });
});

describe('incoming Teams text', () => {
  const recipient = { id: '28:bot', name: 'Pathfinder' };

  it('loses the mention of the bot and any other <at> tag', () => {
    const activity = {
      text: '<at>Pathfinder</at>&nbsp;can <at>Anna Smith</at> work in Ireland?',
      recipient,
      entities: [{ type: 'mention', mentioned: recipient, text: '<at>Pathfinder</at>' }],
    };
    expect(stripMentions(activity)).toBe('can work in Ireland?');
    expect(activity.text).toBe('can work in Ireland?');
  });

  it('copes with malformed mention entities (the tags still go)', () => {
    expect(stripMentions({ text: '<at>Pathfinder</at> hi', recipient, entities: [{ type: 'mention' }] })).toBe('hi');
    expect(
      stripMentions({
        text: '<at>Pathfinder</at> hi',
        recipient,
        entities: [{ type: 'mention', mentioned: recipient }],
      }),
    ).toBe('hi');
  });

  it('keeps text without mentions as it was, line breaks included', () => {
    expect(stripMentions({ text: 'hello\nthere', recipient })).toBe('hello\nthere');
    expect(stripMentions({ recipient })).toBeUndefined();
  });

  it('reads the choice id of a card button from its value', () => {
    expect(submittedChoiceId({ value: { id: 'country:IE', msteams: {} } })).toBe('country:IE');
    expect(submittedChoiceId({ value: { id: 42 } })).toBeUndefined();
    expect(submittedChoiceId({ value: 'country:IE' })).toBeUndefined();
  });

  it('welcomes the user who installs the app in a personal chat, and nobody else', () => {
    const user = { id: '29:user', name: 'Amina', aadObjectId: 'aad-1' };
    const personal = {
      conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' },
      from: user,
      recipient,
      membersAdded: [recipient],
    };
    welcomePersonalInstall(personal);
    expect(personal.membersAdded.map((member) => member.id)).toEqual(['28:bot', '29:user']);

    const team = { ...personal, conversation: { ...personal.conversation, conversationType: 'channel' } };
    team.membersAdded = [recipient];
    welcomePersonalInstall(team);
    expect(team.membersAdded.map((member) => member.id)).toEqual(['28:bot']);
  });
});
