/**
 * Glue from what the field work stored for one village of one plan — the village's draw, the stop
 * records (@lookback/fieldwork StopRecord), the substitutions and the graded quizzes — to the
 * VillageInspection that scoring takes. Pure: the API reads the rows, this decides what counts.
 *
 * The shapes below are the structural parts of @lookback/fieldwork's StopRecord and Substitution
 * that scoring reads (fieldwork depends on scoring for the problem types, so scoring cannot import
 * it back).
 *
 * What counts:
 * - households (入户调查): household stops with status 'complete'. Each takes the stratum it was
 *   drawn in; a reserve (替补户) takes its substitution's stratum, or failing that the stratum
 *   whose reserve list holds it. Absent, moved or refused households are not visits. Its findings
 *   are its answers carrying a problem (type + severity).
 * - projects (项目资产核查): each complete project or asset stop is one check, passed when none of
 *   its answers carries a problem.
 * - documents (查阅资料): each answered item (not 不适用) of a complete documents or village stop
 *   (村级核查 is paperwork and village facilities, checked on site) is one check.
 * - interviews (干部访谈): each answered item of a complete interview stop is one check.
 * - quiz (知识测试): each graded cadre's percent.
 * When two records exist for the same stop (two phones), their answers are combined item by item,
 * the later record's answer winning; a stop counts as complete when any of its records is.
 */
import { ScoringError } from './errors.js';
import type { Check, Finding, HouseholdVisit, LedgerItem, VillageInspection } from './types.js';

export interface FieldAnswer {
  itemId: string;
  value: 'yes' | 'no' | 'na' | string;
  problem?: { problemType: string; severity: string };
}

export interface FieldStop {
  stopKind: 'household' | 'village' | 'project' | 'asset' | 'documents' | 'interview' | string;
  stopCode: string;
  status: string;
  updatedAt: string;
  answers: readonly FieldAnswer[];
}

export interface FieldSubstitution {
  absentHouseholdNo: string;
  replacementHouseholdNo: string;
  stratum: string;
}

/** The parts of @lookback/sampling's VillageDraw that scoring needs. */
export interface FieldVillageDraw {
  villageCode: string;
  households: number;
  strata: readonly { stratum: string; population: number; reserve: readonly { householdNo: string }[] }[];
  sample: readonly { householdNo: string; stratum: string }[];
}

export interface VillageFieldData {
  townCode: string;
  draw: FieldVillageDraw;
  stops: readonly FieldStop[];
  substitutions?: readonly FieldSubstitution[];
  quiz?: readonly { cadreNo: string; percent: number }[];
  ledger?: { asOf: string; items: readonly LedgerItem[] };
}

interface MergedStop {
  kind: string;
  code: string;
  complete: boolean;
  answers: Map<string, FieldAnswer>;
}

export function inspectionFromFieldData(data: VillageFieldData): VillageInspection {
  const { draw } = data;
  const stratumOf = new Map<string, string>();
  for (const s of draw.strata) for (const r of s.reserve) stratumOf.set(r.householdNo, s.stratum);
  for (const sub of data.substitutions ?? []) stratumOf.set(sub.replacementHouseholdNo, sub.stratum);
  for (const s of draw.sample) stratumOf.set(s.householdNo, s.stratum);

  const merged = new Map<string, MergedStop>();
  const ordered = [...data.stops].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
  for (const stop of ordered) {
    const key = `${stop.stopKind}\u0000${stop.stopCode}`;
    let m = merged.get(key);
    if (!m) merged.set(key, (m = { kind: stop.stopKind, code: stop.stopCode, complete: false, answers: new Map() }));
    if (stop.status === 'complete') m.complete = true;
    for (const a of stop.answers) m.answers.set(a.itemId, a);
  }

  const visits: HouseholdVisit[] = [];
  const projects: Check[] = [];
  const documents: Check[] = [];
  const interviews: Check[] = [];
  for (const m of merged.values()) {
    if (!m.complete) continue;
    const answers = [...m.answers.values()];
    switch (m.kind) {
      case 'household': {
        const stratum = stratumOf.get(m.code);
        if (stratum === undefined) {
          throw new ScoringError('INVALID_INSPECTION', `户编号 ${m.code} was neither drawn nor a reserve in village ${draw.villageCode}.`);
        }
        const findings: Finding[] = [];
        for (const a of answers) {
          if (a.problem) findings.push({ type: a.problem.problemType as Finding['type'], severity: a.problem.severity as Finding['severity'] });
        }
        visits.push({ householdNo: m.code, stratum, findings });
        break;
      }
      case 'project':
      case 'asset':
        projects.push({ code: `${m.kind}:${m.code}`, passed: answers.every((a) => !a.problem) });
        break;
      case 'documents':
      case 'village':
      case 'interview': {
        const target = m.kind === 'interview' ? interviews : documents;
        for (const a of answers) {
          if (a.value === 'na') continue;
          target.push({ code: `${m.kind}:${m.code}:${a.itemId}`, passed: !a.problem });
        }
        break;
      }
      default:
        break;
    }
  }
  visits.sort((a, b) => (a.householdNo < b.householdNo ? -1 : a.householdNo > b.householdNo ? 1 : 0));

  const inspection: VillageInspection = {
    villageCode: draw.villageCode,
    townCode: data.townCode,
    households: draw.households,
    strata: draw.strata.map((s) => ({ stratum: s.stratum, population: s.population })),
    visits,
    projects,
    documents,
    interviews,
    quiz: (data.quiz ?? []).map((q) => ({ cadreNo: q.cadreNo, percent: q.percent })),
  };
  if (data.ledger) inspection.ledger = { asOf: data.ledger.asOf, items: data.ledger.items.map((i) => ({ ...i })) };
  return inspection;
}
