import { Transcript } from '../helpers/transcript';

/** Opens a conversation and leaves the welcome behind, so each test reads only its own replies. */
async function started(options: { today?: string } = {}): Promise<Transcript> {
  const chat = new Transcript(options);
  await chat.join();
  return chat;
}

describe('Free questions are answered from the knowledge base', () => {
  let chat: Transcript;
  afterEach(() => chat.close());

  it('answers the first message of a conversation directly, with the key number, source and date', async () => {
    chat = new Transcript();
    const reply = await chat.say('Can asylum seekers work in Belgium?');
    expect(reply.text).toMatch(/Pathfinder/);
    expect(reply.text).toMatch(/4 months/);
    expect(reply.text).toMatch(/Source: .+ https?:\/\//);
    expect(reply.text).toMatch(/Checked on November 22, 2026/);
    expect(reply.choices).toContain('menu:path');
  });

  it('answers a question typed at the menu once, then shows the menu once', async () => {
    chat = await started();
    const reply = await chat.say('Can asylum seekers work in Ireland?');
    const answers = reply.activities.filter((activity) => /Labour Market Access Permission/.test(activity.text ?? ''));
    expect(answers).toHaveLength(1);
    const menus = reply.activities.filter((activity) => activity.suggestedActions?.actions.length);
    expect(menus).toHaveLength(1);
  });

  it('asks for the country once when the answer depends on it, then answers', async () => {
    chat = await started();
    const ask = await chat.say('How do I get my diploma recognised?');
    expect(ask.text).toMatch(/In which country\?/);
    expect(ask.choices).toContain('country:IT');
    const answer = await chat.say('Italy');
    expect(answer.text).toMatch(/CIMEA/);
    expect(answer.text).not.toMatch(/In which country\?/);
  });

  it('keeps the context of the previous question: "And in Spain?"', async () => {
    chat = await started();
    const slovenia = await chat.say('Can asylum seekers work in Slovenia?');
    expect(slovenia.text).toMatch(/3 months/);
    const hungary = await chat.say('What about Hungary?');
    expect(hungary.text).toMatch(/9 months/);
    const spain = await chat.say('And in Spain?');
    expect(spain.text).toMatch(/Spain/);
    expect(spain.text).toMatch(/6 months/);
  });

  it('answers a question asked in the middle of the guided flow, then asks the flow’s question again', async () => {
    chat = await started();
    await chat.say('menu:path');
    await chat.say('country:ES');
    const level = await chat.say('status:refugee');
    expect(level.choices).toContain('level:bachelor');
    const answer = await chat.say('How long does homologation of a degree take in Spain?');
    expect(answer.text).toMatch(/homologación/);
    expect(answer.text).toMatch(/6 months/);
    expect(answer.text).not.toMatch(/did not understand/);
    expect(answer.choices).toContain('level:bachelor');
    const profession = await chat.say('level:master');
    expect(profession.choices).toContain('profession:nurse');
  });

  it('turns a one-message profile into a plan without asking again', async () => {
    chat = await started();
    const plan = await chat.say("I'm a refugee in Italy with a nursing degree from Syria and want to work as a nurse");
    expect(plan.text).toMatch(/plan for Italy/);
    expect(plan.text).toMatch(/Ministry of Health|Ministero della Salute/);
    expect(plan.choices).not.toContain('country:IT');
    expect(plan.choices).not.toContain('status:refugee');
  });

  it('computes from an application date whether an asylum seeker may work yet', async () => {
    chat = await started();
    const belgium = await chat.say('I applied for asylum in Belgium 5 months ago, can I work?');
    expect(belgium.text).toMatch(/Yes: you may work since October 22, 2026/);
    const spain = await chat.say('I applied for asylum in Spain 2 months ago. Can I work?');
    expect(spain.text).toMatch(/Not yet: you may work from about March 22, 2027/);
  });

  it('tells an employer the fine, with its source', async () => {
    chat = await started();
    const reply = await chat.say('What fine does a Dutch company get for employing someone illegally?');
    expect(reply.text).toMatch(/6,000/);
    expect(reply.text).toMatch(/https?:\/\//);
  });
});

describe('Honest fallbacks', () => {
  let chat: Transcript;
  afterEach(() => chat.close());

  it('says it cannot answer a question outside its topics, without any citation, and offers a person', async () => {
    chat = await started();
    const reply = await chat.say('Tell me a joke');
    expect(reply.text).toMatch(/can't answer that/);
    expect(reply.text).toMatch(/Belgium, Hungary, Ireland/);
    expect(reply.text).not.toMatch(/https?:\/\//);
    expect(reply.choices[0]).toBe('cmd:person');
  });

  it('says which countries it covers when asked about another one', async () => {
    chat = await started();
    const reply = await chat.say('Can I work in Germany as a refugee?');
    expect(reply.text).toMatch(/only have information for Belgium/);
    expect(reply.text).toMatch(/Germany/);
    expect(reply.text).not.toMatch(/https?:\/\//);
  });

  it('gives no legal advice on a personal case and points to help', async () => {
    chat = await started();
    const reply = await chat.say('My asylum claim was rejected in Italy, how do I appeal?');
    expect(reply.text).toMatch(/can't give legal advice/);
    expect(reply.text).not.toMatch(/Territorial Commission decides|you should appeal/i);
    expect(reply.choices[0]).toBe('cmd:person');
  });

  it('answers a question about the rules during an appeal (general information, not a personal case)', async () => {
    chat = await started();
    const reply = await chat.say(
      'The CGRS refused my claim after 2 months and I appealed. Can I work during the appeal in Belgium?',
    );
    expect(reply.text).not.toMatch(/can't give legal advice/);
    expect(reply.text).toMatch(/appeal/i);
    expect(reply.text).toMatch(/https?:\/\//);
  });

  it('puts the emergency number first when someone is in danger (112 in the EU, 999 in the UK)', async () => {
    chat = await started();
    const italy = await chat.say('My employer in Italy keeps my passport and does not pay me');
    expect(italy.text.indexOf('112')).toBeGreaterThan(-1);
    expect(italy.text).toMatch(/^If you are in danger/);
    expect(italy.choices[0]).toBe('cmd:person');
    const london = await chat.say("I'm in London and I want to hurt myself");
    expect(london.text).toMatch(/999/);
  });

  it('recognises danger in another language even before the language is known', async () => {
    chat = await started();
    const reply = await chat.say('Мене змушують працювати без оплати і забрали паспорт');
    expect(reply.text).toMatch(/112/);
    expect(reply.text).toMatch(/999/);
    expect(reply.choices[0]).toBe('cmd:person');
  });

  it('marks an answer whose review date has passed as possibly out of date', async () => {
    chat = await started({ today: '2029-01-15T10:00:00Z' });
    const reply = await chat.say('Can asylum seekers work in Slovenia?');
    expect(reply.text).toMatch(/may be out of date/);
  });

  it('deletes what it keeps about the user when asked, and starts afresh afterwards', async () => {
    chat = await started();
    await chat.say('menu:path');
    await chat.say('country:IE');
    const deleted = await chat.say('delete my data');
    expect(deleted.text).toMatch(/deleted everything/);
    const again = await chat.say('hello');
    expect(again.text).toMatch(/not legal advice/);
    const country = await chat.say('menu:path');
    expect(country.choices).toContain('country:IE');
  });
});
