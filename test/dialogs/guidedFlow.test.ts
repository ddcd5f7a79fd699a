import { Transcript } from '../helpers/transcript';

describe('Guided flow for someone looking for their path', () => {
  let chat: Transcript;
  beforeEach(() => {
    chat = new Transcript();
  });
  afterEach(() => chat.close());

  it('welcomes a new user once: what it does, not legal advice, privacy, and the four choices', async () => {
    const welcome = await chat.join();
    expect(welcome.text).toMatch(/Pathfinder/);
    expect(welcome.text).toMatch(/not legal advice/);
    expect(welcome.text).toMatch(/Privacy/);
    expect(welcome.choices).toEqual(
      expect.arrayContaining(['menu:path', 'menu:question', 'menu:employer', 'menu:language']),
    );
    const again = await chat.say('hello');
    expect(again.text).not.toMatch(/not legal advice/);
    expect(again.choices).toContain('menu:path');
  });

  it('walks a refugee nurse in Italy from country to a plan grounded in the knowledge base', async () => {
    await chat.join();
    const country = await chat.say('menu:path');
    expect(country.choices).toEqual([
      'country:BE',
      'country:HU',
      'country:IE',
      'country:IT',
      'country:NL',
      'country:SK',
      'country:SI',
      'country:ES',
      'country:UK',
    ]);
    const status = await chat.say('country:IT');
    expect(status.choices).toContain('status:refugee');
    const level = await chat.say('I have refugee status');
    expect(level.choices).toContain('level:master');
    const profession = await chat.say("master's degree");
    expect(profession.choices).toContain('profession:nurse');
    const documents = await chat.say('nursing');
    expect(documents.choices).toEqual(['documents:all', 'documents:some', 'documents:none']);
    const goal = await chat.say('all');
    expect(goal.choices).toContain('goal:regulated_profession');
    const plan = await chat.say('goal:regulated_profession');
    expect(plan.text).toMatch(/plan for Italy/);
    expect(plan.text).toMatch(/Step 1: Can you work\?/);
    expect(plan.text).toMatch(/Ministry of Health|Ministero della Salute/);
    expect(plan.text).toMatch(/CIMEA/);
    expect(plan.text).toMatch(/Source: .+ https?:\/\//);
    expect(plan.text).toMatch(/Checked on November 22, 2026/);
    // After the plan the menu comes back.
    expect(plan.choices).toContain('menu:compare');
  });

  it('skips every question already answered', async () => {
    await chat.join();
    await chat.say('menu:path');
    for (const answer of ['country:NL', 'status:refugee', 'level:bachelor', 'profession:engineer', 'documents:all']) {
      await chat.say(answer);
    }
    await chat.say('goal:recognition');
    const second = await chat.say('menu:path');
    expect(second.text).toMatch(/plan for Netherlands|plan for the Netherlands/);
    expect(second.choices).not.toContain('country:NL');
  });

  it('computes from the application date when an asylum seeker in Ghent may work', async () => {
    await chat.join();
    await chat.say('menu:path');
    // A city names the country and the region: no country or region question follows.
    const status = await chat.say('I live in Ghent');
    expect(status.choices).toContain('status:asylum_seeker');
    const date = await chat.say('asylum seeker');
    expect(date.choices).toEqual(['date:unknown']);
    await chat.say('I applied 5 months ago');
    await chat.say('level:secondary');
    await chat.say('profession:cook');
    await chat.say('documents:none');
    const plan = await chat.say('goal:work_now');
    expect(plan.text).toMatch(/plan for Belgium \(Flanders\)/);
    // Applied 2026-06-22; Belgium's waiting period is 4 months → 2026-10-22, before "today" (2026-11-22).
    expect(plan.text).toMatch(/you may work since October 22, 2026/);
  });

  it('says "not yet" and from when for an asylum seeker who applied 2 months ago in Spain', async () => {
    await chat.join();
    await chat.say('menu:path');
    await chat.say('Spain');
    await chat.say('status:asylum_seeker');
    await chat.say('2 months ago');
    await chat.say('level:none');
    await chat.say('profession:other');
    const plan = await chat.say('goal:work_now');
    expect(plan.text).toMatch(/Not yet: you may work from about March 22, 2027/);
  });

  it('asks for the region in Belgium when only the country is known', async () => {
    await chat.join();
    await chat.say('menu:path');
    const region = await chat.say('Belgium');
    expect(region.choices).toEqual(['region:BE-VLG', 'region:BE-WAL', 'region:BE-BRU', 'region:BE-DG']);
    const status = await chat.say('Wallonie');
    expect(status.choices).toContain('status:refugee');
  });

  it('understands free text: numbers, synonyms, typos and "from Ukraine"', async () => {
    await chat.join();
    await chat.say('menu:path');
    const afterTypo = await chat.say('itlay');
    expect(afterTypo.choices).toContain('status:temporary_protection');
    const level = await chat.say("I'm from Ukraine");
    expect(level.choices).toContain('level:none');
    const profession = await chat.say('5');
    expect(profession.choices).toContain('profession:nurse');
  });

  it('starts the flow when the first message is a button of the flow (an old chat, a shared link)', async () => {
    const reply = await chat.say('country:IE');
    expect(reply.text).toMatch(/Pathfinder/);
    expect(reply.choices).toContain('status:refugee');
  });

  it('offers a person in the menu after a question it cannot answer', async () => {
    await chat.join();
    await chat.say('menu:question');
    const reply = await chat.say('What is the best football team?');
    expect(reply.text).toMatch(/can't answer that/);
    expect(reply.choices.filter((id) => id === 'menu:path')).toHaveLength(1);
    expect(reply.choices[0]).toBe('cmd:person');
  });

  it('answers for the covered country when a question also names a country of origin', async () => {
    await chat.join();
    await chat.say('menu:question');
    const reply = await chat.say('I have a university degree from Syria, who recognises it in Italy?');
    expect(reply.text).toMatch(/CIMEA/);
    expect(reply.text).not.toMatch(/only have information for/);
  });

  it('explains when a country is not covered and asks again', async () => {
    await chat.join();
    await chat.say('menu:path');
    const reply = await chat.say('Germany');
    expect(reply.text).toMatch(/only have information for Belgium/);
    expect(reply.text).toMatch(/Germany/);
    expect(reply.choices).toContain('country:IE');
  });

  it('asks again, politely, when an answer is not understood', async () => {
    await chat.join();
    await chat.say('menu:path');
    await chat.say('country:IE');
    const reply = await chat.say('banana');
    expect(reply.text).toMatch(/did not understand/);
    expect(reply.choices).toContain('status:refugee');
  });
});

describe('Interruptions work at any point', () => {
  let chat: Transcript;
  beforeEach(async () => {
    chat = new Transcript();
    await chat.join();
    await chat.say('menu:path');
    await chat.say('country:IE');
  });
  afterEach(() => chat.close());

  it('help explains and asks the same question again', async () => {
    const reply = await chat.say('help');
    expect(reply.text).toMatch(/"back"/);
    expect(reply.choices).toContain('status:refugee');
  });

  it('talk to a person explains the helpdesk and keeps the place', async () => {
    const reply = await chat.say('can I talk to someone');
    expect(reply.text).toMatch(/helpdesk/);
    expect(reply.choices).toContain('status:refugee');
  });

  it('back undoes the last answer and asks that question again', async () => {
    await chat.say('status:refugee');
    const reply = await chat.say('back');
    expect(reply.text).toMatch(/change your last answer/);
    expect(reply.choices).toContain('status:asylum_seeker');
    const next = await chat.say('status:temporary_protection');
    expect(next.choices).toContain('level:bachelor');
  });

  it('restart forgets the answers and shows the menu', async () => {
    await chat.say('status:refugee');
    const reply = await chat.say('restart');
    expect(reply.text).toMatch(/start again/);
    expect(reply.choices).toContain('menu:path');
    const country = await chat.say('menu:path');
    expect(country.choices).toContain('country:IE');
  });

  it('change language switches to French and asks the same question in French', async () => {
    const picker = await chat.say('change language');
    expect(picker.choices).toContain('lang:fr');
    expect(picker.titles).toContain('Français');
    const reply = await chat.say('lang:fr');
    expect(reply.text).toMatch(/j'écris en français/);
    expect(reply.text).toMatch(/Quel est votre statut de séjour/);
    expect(reply.titles).toContain('Réfugié(e)');
    expect(reply.choices).toContain('status:refugee');
  });
});

describe('Employer branch', () => {
  let chat: Transcript;
  beforeEach(() => {
    chat = new Transcript();
  });
  afterEach(() => chat.close());

  it('asks the country and the candidate status, then gives a sourced hiring checklist', async () => {
    await chat.join();
    const country = await chat.say("I'm an employer");
    expect(country.text).toMatch(/your company/);
    const status = await chat.say('Ireland');
    expect(status.text).toMatch(/person you want to hire/);
    expect(status.choices).not.toContain('status:unsure');
    const checklist = await chat.say('asylum seeker');
    expect(checklist.text).toMatch(/Hiring in Ireland, candidate's status: Asylum seeker/);
    expect(checklist.text).toMatch(/Labour Market Access/);
    expect(checklist.text).toMatch(/What to check/);
    expect(checklist.text).toMatch(/Fines/);
    expect(checklist.text).toMatch(/Source: .+ https?:\/\//);
  });
});

describe('Compare countries', () => {
  it('shows the same profile in all nine countries', async () => {
    const chat = new Transcript();
    try {
      await chat.join();
      const status = await chat.say('menu:compare');
      expect(status.choices).toContain('status:asylum_seeker');
      const date = await chat.say('asylum seeker');
      expect(date.choices).toEqual(['date:unknown']);
      const table = await chat.say('date:unknown');
      for (const country of [
        'Belgium',
        'Hungary',
        'Ireland',
        'Italy',
        'Netherlands',
        'Slovakia',
        'Slovenia',
        'Spain',
        'United Kingdom',
      ]) {
        expect(table.text).toMatch(new RegExp(`• ${country}: `));
      }
      expect(table.text).toMatch(/Italy: can work after 60 days/);
      expect(table.text).toMatch(/Belgium: can work after 4 months/);
      expect(table.text).toMatch(/Source: .+ https?:\/\//);
    } finally {
      chat.close();
    }
  });
});

describe('Compare countries with an application date', () => {
  it('gives each country the date from which work is allowed', async () => {
    const chat = new Transcript();
    try {
      await chat.join();
      await chat.say('menu:compare');
      await chat.say('status:asylum_seeker');
      const table = await chat.say('on 1 August 2026');
      // 60 days after 2026-08-01 is 2026-09-30 (already passed); 12 months is 2027-08-01 (not yet).
      expect(table.text).toMatch(/Italy: can work since September 30, 2026/);
      expect(table.text).toMatch(/United Kingdom: not yet: from about August 1, 2027/);
    } finally {
      chat.close();
    }
  });
});

describe('French interface', () => {
  it('welcomes in French when the channel locale is French', async () => {
    const chat = new Transcript({ locale: 'fr-FR' });
    try {
      const welcome = await chat.join();
      expect(welcome.text).toMatch(/pas des conseils juridiques/);
      expect(welcome.titles).toContain('Trouver mon parcours');
      const country = await chat.say('menu:path');
      expect(country.text).toMatch(/Dans quel pays/);
      expect(country.titles).toContain('Belgique');
    } finally {
      chat.close();
    }
  });
});
