/**
 * Renders what the pathway engine computes — a personal plan, an employer's hiring checklist, a
 * comparison of countries — as channel-neutral replies in the user's language, each step with its
 * sources and "checked on" date.
 */
import {
  type CountryComparison,
  type EmployerChecklist,
  type Plan,
  type PlanStep,
  type Profile,
  type WorkAssessment,
} from '../knowledge/pathway';
import { STATUS_IDS } from '../knowledge/schema';
import type { KnowledgeRepository } from '../knowledge/types';
import type { ChoiceLabels } from './choices';
import { formatDate, renderEntry, TextPicker } from './knowledgeText';
import type { TurnLanguage } from './localizer';
import type { UserProfile } from './profile';
import type { Citation, NeutralReply } from './reply';

/** The pathway profile for a user's answers ('unsure', 'unknown' and 'other' mean "not known"). */
export function toPathwayProfile(profile: UserProfile): Profile | undefined {
  if (!profile.country) {
    return undefined;
  }
  return {
    country: profile.country,
    region: profile.region,
    status: profile.status === 'unsure' ? undefined : profile.status,
    asylumApplicationDate: profile.asylumDate && profile.asylumDate !== 'unknown' ? profile.asylumDate : undefined,
    level: profile.level,
    profession: profile.profession === 'other' ? undefined : profile.profession,
    documents: profile.documents,
    goal: profile.goal,
  };
}

/** One line on when someone may work, computed against today. */
export function workLine(work: WorkAssessment, language: TurnLanguage): string | undefined {
  const { t, lang } = language;
  const lines: string[] = [];
  if (work.workFrom) {
    lines.push(
      t(work.allowedNow ? 'plan:work.allowedSince' : 'plan:work.notYet', { date: formatDate(work.workFrom, lang) }),
    );
    if (work.applyFrom && !work.allowedNow) {
      lines.push(t('plan:work.applyFrom', { date: formatDate(work.applyFrom, lang) }));
    }
  } else if (work.waiting && work.canWork !== 'yes') {
    lines.push(
      t('plan:work.needDate', {
        count: work.waiting.amount,
        unit: t(`plan:units.${work.waiting.unit}`, { count: work.waiting.amount }),
      }),
    );
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

export class PlanRenderer {
  constructor(
    private readonly repo: KnowledgeRepository,
    private readonly labels: ChoiceLabels,
  ) {}

  /** The plan as a list of replies: an introduction, then one reply per step. */
  renderPlan(plan: Plan, profile: UserProfile, language: TurnLanguage, today: Date): NeutralReply[] {
    const { t } = language;
    const country = this.labels.termName('countries', plan.profile.country, language);
    const region = plan.profile.region ? this.labels.termName('regions', plan.profile.region, language) : undefined;
    const replies: NeutralReply[] = [
      { text: region ? t('plan:introRegion', { country, region }) : t('plan:intro', { country }) },
    ];
    if (profile.status === 'unsure') {
      replies.push(this.renderStatusOverview(plan.profile.country, language, today));
    }
    if (plan.steps.length === 0) {
      return [{ text: t('plan:empty', { country }) }];
    }
    plan.steps.forEach((step, index) => {
      replies.push(this.renderStep(step, index + 1, language, today));
    });
    return replies;
  }

  /** One plan step: the main entry in full, further entries briefly. */
  private renderStep(step: PlanStep, number: number, language: TurnLanguage, today: Date): NeutralReply {
    const { t } = language;
    const heading = t('plan:stepHeading', { number, title: t(`plan:headings.${step.kind}`) });
    const brief =
      step.kind === 'services' || step.kind === 'euTools' || step.kind === 'story' || step.kind === 'language';
    const rendered = step.entries.map((entry) =>
      renderEntry(entry, language, { today, detail: brief ? 'brief' : 'full' }),
    );
    const lines = [`**${heading}**`];
    if (step.work) {
      const line = workLine(step.work, language);
      if (line) {
        lines.push(line);
      }
    }
    lines.push(...rendered.map((reply) => reply.text));
    return { text: lines.join('\n\n'), citations: rendered.flatMap((reply) => reply.citations ?? []) };
  }

  /** For users who do not know their status: the rule for each status, briefly. */
  private renderStatusOverview(country: Profile['country'], language: TurnLanguage, today: Date): NeutralReply {
    const rendered = STATUS_IDS.map((status) => this.repo.workRight(country, status))
      .filter((entry) => entry !== undefined)
      .map((entry) => renderEntry(entry, language, { today, detail: 'brief' }));
    return {
      text: [language.t('plan:unsureStatus'), ...rendered.map((reply) => reply.text)].join('\n\n'),
      citations: rendered.flatMap((reply) => reply.citations ?? []),
    };
  }

  /** An employer's checklist: can the person work, what to check, file and know. */
  renderChecklist(checklist: EmployerChecklist, language: TurnLanguage, today: Date): NeutralReply[] {
    const { t } = language;
    const country = this.labels.termName('countries', checklist.country, language);
    const status = t(`flow:status.labels.${checklist.status}`);
    if (checklist.rules.length === 0 && !checklist.workRight) {
      return [{ text: t('employer:none', { country }) }];
    }
    const replies: NeutralReply[] = [{ text: t('employer:intro', { status, country }) }];
    if (checklist.workRight) {
      replies.push(
        renderEntry(checklist.workRight, language, { today, detail: 'full', heading: t('employer:workRight') }),
      );
    }
    for (const rule of checklist.rules) {
      const reply = renderEntry(rule, language, { today, detail: 'full' });
      replies.push({ ...reply, text: `${t(`employer:rules.${rule.ruleType}`)}\n${reply.text}` });
    }
    if (checklist.organisations.length > 0) {
      const orgs = checklist.organisations.map((org) => renderEntry(org, language, { today, detail: 'brief' }));
      replies.push({
        text: [`**${t('employer:services')}**`, ...orgs.map((reply) => reply.text)].join('\n\n'),
        citations: orgs.flatMap((reply) => reply.citations ?? []),
      });
    }
    return replies;
  }

  /** The same profile in every country, one line each, with the sources of every line. */
  renderComparison(rows: CountryComparison[], profile: UserProfile, language: TurnLanguage): NeutralReply {
    const { t } = language;
    const picker = new TextPicker(language.lang);
    const lines = [t('compare:intro')];
    const citations: Citation[] = [];
    for (const row of rows) {
      // One source per country keeps the comparison readable; each country's plan cites the rest.
      const primary = row.workRight ?? row.recognition;
      const source = primary?.sources[0];
      if (source && !citations.some((citation) => citation.url === source.url)) {
        citations.push({ title: source.title, url: source.url });
      }
      const parts: string[] = [];
      if (row.work) {
        parts.push(this.workSummary(row.work, language));
      }
      if (row.recognition) {
        parts.push(t('compare:recognition', { body: row.recognition.bodyName ?? picker.pick(row.recognition.title) }));
      }
      if (row.profession && profile.profession && profile.profession !== 'other') {
        const profession = this.labels.termName('professions', profile.profession, language);
        parts.push(
          row.profession.regulated === 'no'
            ? t('compare:professionNotRegulated', { profession })
            : t('compare:profession', {
                profession,
                authority: row.profession.authority?.name ?? t('compare:work.unknown'),
              }),
        );
      }
      const country = this.labels.termName('countries', row.country, language);
      lines.push(`• ${t('compare:row', { country, work: parts.join('; ') })}`);
    }
    if (picker.usedFallback) {
      lines.push(t('common:englishOnly'));
    }
    return { text: lines.join('\n'), citations };
  }

  private workSummary(work: WorkAssessment, language: TurnLanguage): string {
    const { t } = language;
    if (work.workFrom) {
      return t(work.allowedNow ? 'compare:work.since' : 'compare:work.from', {
        date: formatDate(work.workFrom, language.lang),
      });
    }
    if (work.canWork === 'conditional' || (work.canWork === 'yes' && work.waiting)) {
      return work.waiting
        ? t('compare:work.conditional', {
            count: work.waiting.amount,
            unit: t(`plan:units.${work.waiting.unit}`, { count: work.waiting.amount }),
          })
        : t('compare:work.conditionalNoWait');
    }
    return t(`compare:work.${work.canWork}`);
  }
}
