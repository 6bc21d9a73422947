/**
 * The draws that accompany the household draw in each village: 衔接资金 projects, project assets,
 * interviewees (访谈对象) and quiz takers (知识测试对象). All use the same tickets as households,
 * with a purpose that names the village, so each village's draw is independent of the others.
 */
import type { AssetRecord, CadreRecord, CadreRole, ProjectRecord, VillageRecord } from '@lookback/contracts';
import type { DrawnItem, Interviewee, ItemDraw, QuizTaker } from './draw-record.js';
import { SamplingError } from './errors.js';
import { TicketHasher } from './tickets.js';
import { assertNaturalKey, compareCodePoints } from './text.js';

/** Rank keys by ticket (ties, which need equal keys, by code point); the first k are drawn. */
export function drawByTicket(seed: string, purpose: string, keys: readonly string[], k: number): ItemDraw {
  const hasher = new TicketHasher(seed, purpose);
  const ranked = keys
    .map((code) => ({ code, ticket: hasher.ticketHex(code) }))
    .sort((a, b) => compareCodePoints(a.ticket, b.ticket) || compareCodePoints(a.code, b.code));
  const taken = Math.min(k, ranked.length);
  const sample: DrawnItem[] = ranked.slice(0, taken).map((r) => ({
    code: r.code,
    ticket: r.ticket,
    inclusionProbability: `${taken}/${ranked.length}`,
    probability: taken / ranked.length,
  }));
  return { eligible: ranked.length, sample };
}

export function projectPurpose(villageCode: string): string {
  return `project/${villageCode}`;
}
export function assetPurpose(villageCode: string): string {
  return `asset/${villageCode}`;
}

/**
 * Town code of a village: from the village list when given, else the official code rule
 * (12-digit 村代码 = 9-digit 乡镇 prefix + 3 digits; the 乡镇 code ends in 000).
 */
export function townCodeResolver(villages: readonly VillageRecord[] | undefined): (villageCode: string) => string {
  const known = new Map((villages ?? []).map((v) => [v.code, v.townCode]));
  return (villageCode) => known.get(villageCode) ?? `${villageCode.slice(0, 9)}000`;
}

/** Eligible projects of a village: its own projects of the year plus its town's town-level ones. */
export function projectPools(projects: readonly ProjectRecord[], year: number) {
  const byVillage = new Map<string, string[]>();
  const byTown = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const p of projects) {
    assertNaturalKey(p.projectCode, '项目编号');
    if (seen.has(p.projectCode)) throw new SamplingError('INVALID_ROSTER', `项目编号 ${p.projectCode} appears twice.`, `项目编号 ${p.projectCode} 出现了两次`);
    seen.add(p.projectCode);
    if (p.year !== year) continue;
    const [map, key] = p.villageCode === null ? [byTown, p.townCode] : [byVillage, p.villageCode];
    const list = map.get(key) ?? [];
    list.push(p.projectCode);
    map.set(key, list);
  }
  return (villageCode: string, townCode: string): string[] => [...(byVillage.get(villageCode) ?? []), ...(byTown.get(townCode) ?? [])];
}

export function assetPools(assets: readonly AssetRecord[]) {
  const byVillage = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const a of assets) {
    assertNaturalKey(a.assetCode, '资产编号');
    if (seen.has(a.assetCode)) throw new SamplingError('INVALID_ROSTER', `资产编号 ${a.assetCode} appears twice.`, `资产编号 ${a.assetCode} 出现了两次`);
    seen.add(a.assetCode);
    const list = byVillage.get(a.villageCode) ?? [];
    list.push(a.assetCode);
    byVillage.set(a.villageCode, list);
  }
  return (villageCode: string): string[] => byVillage.get(villageCode) ?? [];
}

export function groupCadres(cadres: readonly CadreRecord[]): Map<string, CadreRecord[]> {
  const byVillage = new Map<string, CadreRecord[]>();
  const seen = new Set<string>();
  for (const c of cadres) {
    assertNaturalKey(c.cadreNo, '干部编号');
    if (seen.has(c.cadreNo)) throw new SamplingError('INVALID_ROSTER', `干部编号 ${c.cadreNo} appears twice.`, `干部编号 ${c.cadreNo} 出现了两次`);
    seen.add(c.cadreNo);
    const list = byVillage.get(c.villageCode) ?? [];
    list.push(c);
    byVillage.set(c.villageCode, list);
  }
  return byVillage;
}

/** Roles every village visit interviews, all of their cadres (with the 第一书记 or a work-team member). */
export const REQUIRED_INTERVIEW_ROLES = ['村党支部书记', '乡村振兴专干'] as const satisfies readonly CadreRole[];

/** Roles quizzed in full (驻村工作队, 村两委, 乡村振兴专干); one drawn 网格员 is added. */
const QUIZ_ROLES: readonly CadreRole[] = ['第一书记', '驻村工作队员', '村党支部书记', '村两委成员', '乡村振兴专干'];

export interface CadreDraw {
  interviewees: Interviewee[];
  quiz: QuizTaker[];
}

/**
 * 干部访谈: 第一书记 (or, with no 第一书记 on the roster, one 驻村工作队员 by ticket), 村党支部书记 and
 * 乡村振兴专干 always; one 网格员 and one 帮扶责任人 by ticket. 知识测试: every cadre of QUIZ_ROLES
 * and the drawn 网格员.
 */
export function drawCadres(seed: string, villageCode: string, cadres: readonly CadreRecord[]): CadreDraw {
  const ofRole = (role: CadreRole) =>
    cadres
      .filter((c) => c.role === role)
      .map((c) => c.cadreNo)
      .sort(compareCodePoints);
  const pick = (role: CadreRole, purpose: string): string | null =>
    drawByTicket(seed, `${purpose}/${villageCode}`, ofRole(role), 1).sample[0]?.code ?? null;

  const interviewees: Interviewee[] = [];
  const secretaries = ofRole('第一书记');
  if (secretaries.length > 0) {
    for (const cadreNo of secretaries) interviewees.push({ cadreNo, role: '第一书记', basis: 'required' });
  } else {
    const member = pick('驻村工作队员', 'work-team');
    if (member !== null) interviewees.push({ cadreNo: member, role: '驻村工作队员', basis: 'drawn' });
  }
  for (const role of REQUIRED_INTERVIEW_ROLES) {
    for (const cadreNo of ofRole(role)) interviewees.push({ cadreNo, role, basis: 'required' });
  }
  const gridWorker = pick('网格员', 'grid-worker');
  if (gridWorker !== null) interviewees.push({ cadreNo: gridWorker, role: '网格员', basis: 'drawn' });
  const helper = pick('帮扶责任人', 'helper');
  if (helper !== null) interviewees.push({ cadreNo: helper, role: '帮扶责任人', basis: 'drawn' });

  const quizzed: { cadreNo: string; role: CadreRole }[] = [];
  for (const role of QUIZ_ROLES) for (const cadreNo of ofRole(role)) quizzed.push({ cadreNo, role });
  if (gridWorker !== null) quizzed.push({ cadreNo: gridWorker, role: '网格员' });
  const quizHasher = new TicketHasher(seed, `quiz/${villageCode}`);
  const quiz = quizzed.map(({ cadreNo, role }) => ({
    cadreNo,
    role,
    quizSeed: quizHasher.ticketHex(cadreNo),
    questionIds: [] as string[],
  }));
  return { interviewees, quiz };
}
