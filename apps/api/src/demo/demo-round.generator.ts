/**
 * The field records of the demo's completed round (第一轮回头看), generated from the plan's draw
 * with a fixed seed: what two inspection teams would have recorded at every drawn household,
 * project, asset, interviewee, village checklist and document review, the substitutions they made,
 * and the cadres' quiz answers. Pure and deterministic (seedrandom, SHA-256; never Math.random):
 * the same plan id, draw and visits give the same records byte for byte.
 *
 * Problems are more frequent in the priority strata (监测对象, 低保/特困, 大病重病/重度残疾, …) than
 * among ordinary households, and each village has its own "quality" so that villages differ the
 * way they do in the field; descriptions come from a table written in the source documents' words.
 */
import { createHash } from 'node:crypto';
import type { CadreRole, HouseholdRecord } from '@lookback/contracts';
import {
  ASSET_CHECK,
  CADRE_INTERVIEW,
  type ChecklistTemplate,
  DOCUMENT_REVIEW,
  FANGCHENG_HOUSEHOLD,
  FANGCHENG_VILLAGE,
  type HouseholdFigures,
  type ItemAnswer,
  nextReserve,
  PROJECT_CHECK,
  type Severity,
  type StopRecord,
  type Substitution,
  type UnvisitedStatus,
} from '@lookback/fieldwork';
import { gradeQuiz, QUIZ_BANK, type QuizAnswer, type QuizQuestion, type QuizResult } from '@lookback/quiz';
import type { DrawRecord, Stratum } from '@lookback/sampling';
import seedrandom from 'seedrandom';

export const DEMO_ROUND_SEED = 'lookback-demo-round-1';

export interface RoundVisit {
  villageCode: string;
  /** Index of the team (0 = 第一督查组) */
  team: number;
  visitDate: string;
}

export interface GeneratedQuiz {
  clientId: string;
  villageCode: string;
  cadreNo: string;
  questionIds: string[];
  answers: Record<string, QuizAnswer>;
  result: QuizResult;
  team: number;
}

export interface GeneratedRound {
  records: (StopRecord & { team: number })[];
  substitutions: (Substitution & { team: number })[];
  quizzes: GeneratedQuiz[];
  /** Each team-day signed off in the evening of the visit. */
  signoffs: { team: number; visitDate: string; at: string }[];
}

export const DEMO_DEVICES = ['demo-phone-team1', 'demo-phone-team2'] as const;

/** How likely a visited household of each stratum has at least one problem (before the village's factor). */
const STRATUM_PROBLEM_RATE: Readonly<Record<Stratum, number>> = {
  'must-visit': 0.3,
  monitored: 0.42,
  'dibao-tekun': 0.38,
  'illness-disability': 0.4,
  'elderly-alone': 0.34,
  'low-income': 0.3,
  tuopin: 0.16,
  ordinary: 0.07,
};

/** Household items a stratum's problems tend to fall under (item id → extra weight). */
const STRATUM_ITEM_BOOST: Partial<Record<Stratum, Record<string, number>>> = {
  monitored: { 'fc-h-01': 4, 'fc-h-13': 2, 'fc-h-10': 2 },
  'dibao-tekun': { 'fc-h-06': 4, 'fc-h-04': 2 },
  'illness-disability': { 'fc-h-04': 5, 'fc-h-06': 2 },
  'elderly-alone': { 'fc-h-02': 3, 'fc-h-12': 2, 'fc-h-06': 2 },
  'low-income': { 'fc-h-01': 3, 'fc-h-07': 2, 'fc-h-08': 2 },
  tuopin: { 'fc-h-10': 2, 'fc-h-09': 2 },
  ordinary: { 'fc-h-12': 3, 'fc-h-05': 2 },
};

/** 问题表述 per checklist item: what inspectors actually wrote, in the source documents' terms. */
const DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  'fc-h-01': ['家庭成员患病住院，当年医疗自付支出较大，收入骤减，未及时纳入监测', '主要劳动力外出务工中断，家庭纯收入明显下降，村级未开展风险研判', '家庭有大额教育支出，收支测算显示存在返贫风险，未及时上报预警'],
  'fc-h-02': ['现住房为C级危房，尚未纳入危房改造计划', '危房改造后墙体出现裂缝，存在再次成为危房的隐患', '危房改造补助资金未足额发放到户'],
  'fc-h-03': ['义务教育阶段子女在外地就读，“雨露计划”资助未申请', '适龄儿童辍学在家，教育部门未开展劝返', '残疾儿童未落实送教上门服务'],
  'fc-h-04': ['家庭成员未参加城乡居民基本医疗保险', '慢性病患者未办理慢性病卡，门诊费用未报销', '住院未享受“先诊疗后付费”和“一站式结算”政策'],
  'fc-h-05': ['自来水间歇性停水，供水保障不稳定', '饮用自打浅井水，未检测水质', '入户管网老化漏水，未及时维修'],
  'fc-h-06': ['符合低保条件但未纳入低保', '重度残疾人未办理残疾证，残疾人两项补贴未落实', '特困人员未落实集中供养意愿调查'],
  'fc-h-07': ['有劳动能力的家庭成员未参加技能培训，培训意愿未登记', '培训台账与实际参训人员不符'],
  'fc-h-08': ['公益岗位人员未实际到岗履职，存在顶岗替岗', '一人多岗，岗位补贴重复发放'],
  'fc-h-09': ['有贷款意愿且符合条件，应贷未贷', '小额信贷资金用于非生产性支出'],
  'fc-h-10': ['明白卡未上墙，帮扶措施与实际不符', '户档未存放今年以来的算账明细表', '收入佐证材料缺失，账实不符'],
  'fc-h-11': ['对低保认定有意见，存在信访苗头', '信访诉求未及时答复，稳控措施不到位'],
  'fc-h-12': ['院内杂物乱堆乱放，户容户貌较差', '屋内卫生条件差，生活污水随意排放'],
  'fc-h-13': ['帮扶责任人未按季度入户算账', '帮扶责任人对户情不熟悉，帮扶措施针对性不强', '帮扶责任人已调整，明白卡信息未更新'],
  'fc-v-01': ['网格化监测机制未落实，网格员未定期走访', '预警信息核查反馈不及时，超过规定时限'],
  'fc-v-02': ['村内存在未落实慢性病签约服务的对象', '村内部分危房改造户未验收'],
  'fc-v-03': ['村集体经济收入未达到5万元', '主导产业带动脱贫户增收作用不明显'],
  'fc-v-04': ['年度计划项目开工滞后，资金拨付进度慢于建设进度', '项目资产后续管护制度未建立'],
  'fc-v-05': ['县乡信访电话未在村务公开栏公示', '未建立信访苗头排查台账'],
  'fc-v-06': ['驻村工作队员不能做到吃住在村', '第一书记驻村考勤记录不全'],
  'pj-01': ['项目批复后开工滞后三个月以上'],
  'pj-02': ['项目已完工但资金支付进度滞后，未做到应支尽支'],
  'pj-03': ['项目变更未履行审批程序'],
  'pj-04': ['项目公告公示内容不全，未公示资金来源和受益对象'],
  'pj-05': ['项目存在虚报工程量的迹象，需进一步核查'],
  'pj-06': ['项目验收资料不全，缺少竣工验收报告'],
  'pj-07': ['项目完工后未及时登记确权和移交'],
  'pj-08': ['联农带农机制不明确，群众参与度低'],
  'as-01': ['资产已停用，未正常发挥效益'],
  'as-02': ['光伏电站部分组件闲置超过6个月'],
  'as-03': ['道路资产破损，日常管护不到位'],
  'as-04': ['经营性资产租金未按合同足额转入村“三资”账户'],
  'as-05': ['资产收益分配方案未公示，未用于低收入群体'],
  'as-06': ['扶贫车间租金低于当地市场价，收益偏低'],
  'as-07': ['资产租赁协议期限超过法律规定，续签不及时'],
  'as-08': ['公益性资产管护责任人不明确'],
  'doc-01': ['村级巩固脱贫成果工作会议记录不全，未定期研究部署'],
  'doc-02': ['监测对象纳入程序不规范，缺少村级评议记录'],
  'doc-03': ['监测对象识别认定超过15天时限'],
  'doc-04': ['风险消除户未填写风险稳定消除情况表'],
  'doc-05': ['系统数据与实际不符，家庭人口信息未及时更新'],
  'doc-06': ['就业帮扶信息台账未建立或未及时更新'],
  'doc-07': ['公益岗位实名台账缺失，未实行考勤'],
  'doc-08': ['项目资产台账资料不全'],
  'doc-09': ['涉贫信访件未落实一案一档'],
  'doc-10': ['整改台账缺少整改时限和责任人'],
  'iv-01': ['驻村工作队员对本村监测户情况不熟悉'],
  'iv-02': ['对监测对象的实际困难解决不及时'],
  'iv-03': ['村集体经济收入低于5万元，增收路径不清'],
  'iv-04': ['村“两委”未定期研究巩固脱贫成果工作'],
  'iv-05': ['乡村振兴专干对监测对象纳入程序掌握不准'],
  'iv-06': ['系统数据未做到账实相符'],
  'iv-07': ['网格员对网格内农户情况不熟悉'],
  'iv-08': ['帮扶责任人未落实有针对性的帮扶措施'],
};

/** Notes that accompany a clean answer now and then (what was seen or heard). */
const CLEAN_NOTES = ['户内整洁，明白卡信息与实际一致', '群众对帮扶工作满意', '收入来源稳定，以务工和种植为主', '家庭成员均已参保'];

const ABSENT_REASONS: readonly { reason: UnvisitedStatus; note: string }[] = [
  { reason: 'absent', note: '多次敲门无人应答，邻居称全家外出务工' },
  { reason: 'absent', note: '户主住院治疗，家中无人' },
  { reason: 'moved', note: '已随子女搬至县城居住' },
  { reason: 'refused', note: '户主拒绝接受调查' },
];

class Rng {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = seedrandom.alea(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((s, i) => s + weight(i), 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1];
  }
}

/** A stable UUID (version-4 layout) from SHA-256 of the parts: the demo's "device ids". */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function severity(rng: Rng, priority: boolean): Severity {
  const r = rng.float();
  if (priority) return r < 0.5 ? '一般' : r < 0.85 ? '较重' : '严重';
  return r < 0.7 ? '一般' : r < 0.95 ? '较重' : '严重';
}

/** The ISO instant of hh:mm (China time) on date, plus minutes. */
function at(date: string, minutes: number): string {
  return new Date(Date.parse(`${date}T08:30:00+08:00`) + minutes * 60_000).toISOString();
}

interface Answering {
  rng: Rng;
  template: ChecklistTemplate;
  /** Items that carry a problem, with the description to write. */
  problems: Map<string, { description: string; severity: Severity }>;
  /** Items answered 'na' (e.g. interview prompts for another role). */
  notApplicable?: Set<string>;
  when: string;
}

function answer({ rng, template, problems, notApplicable, when }: Answering): ItemAnswer[] {
  return template.items.map((item) => {
    if (notApplicable?.has(item.id)) return { itemId: item.id, value: 'na', answeredAt: when };
    const found = problems.get(item.id);
    if (found) {
      return { itemId: item.id, value: item.problemWhen, answeredAt: when, problem: { description: found.description, problemType: item.defaultProblemType, severity: found.severity } };
    }
    const clean: ItemAnswer = { itemId: item.id, value: item.problemWhen === 'yes' ? 'no' : 'yes', answeredAt: when };
    if (template.kind === 'household' && rng.chance(0.04)) clean.note = rng.pick(CLEAN_NOTES);
    return clean;
  });
}

/** k distinct problem items of a template, weighted; their descriptions and severities. */
function pickProblems(rng: Rng, template: ChecklistTemplate, k: number, priority: boolean, boost: Record<string, number> = {}, allowed?: (id: string) => boolean): Map<string, { description: string; severity: Severity }> {
  const chosen = new Map<string, { description: string; severity: Severity }>();
  const candidates = template.items.filter((i) => DESCRIPTIONS[i.id] && (allowed ? allowed(i.id) : true));
  for (let n = 0; n < k && chosen.size < candidates.length; n++) {
    const left = candidates.filter((i) => !chosen.has(i.id));
    const item = rng.weighted(left, (i) => 1 + (boost[i.id] ?? 0));
    chosen.set(item.id, { description: rng.pick(DESCRIPTIONS[item.id]), severity: severity(rng, priority) });
  }
  return chosen;
}

function figures(rng: Rng, household: HouseholdRecord | undefined, problems: Map<string, { severity: Severity }>): HouseholdFigures {
  const members = household?.members ?? rng.int(1, 6);
  const income = household?.incomePerCapita ?? rng.int(8000, 22000);
  const laborers = Math.max(0, Math.min(members, rng.int(0, Math.ceil(members * 0.7))));
  const net = Math.round(income * members);
  const wage = Math.round(net * (0.4 + 0.4 * rng.float()));
  const transfer = Math.round((net - wage) * (0.2 + 0.4 * rng.float()));
  const property = Math.round((net - wage - transfer) * 0.1);
  const illness = household?.seriousIllness ?? false;
  return {
    incomePerCapita: income,
    allInsured: !problems.has('fc-h-04'),
    schoolAgeAllInSchool: problems.has('fc-h-03') ? false : null,
    housingSafe: !(problems.has('fc-h-02') && problems.get('fc-h-02')!.severity !== '一般'),
    waterSafe: !problems.has('fc-h-05'),
    members,
    laborers,
    netIncome: net,
    wageIncome: wage,
    transferIncome: transfer,
    propertyIncome: property,
    businessIncome: net - wage - transfer - property,
    mainIncomeSource: wage > net / 2 ? '务工' : '种植养殖',
    incomeStable: !problems.has('fc-h-01'),
    seriousIllness: illness,
    medicalSelfPay: illness ? rng.int(2000, 15000) : 0,
    educationExpense: problems.has('fc-h-03') ? rng.int(1000, 6000) : 0,
  };
}

/** Answers to a quiz set from a cadre who knows about `skill` of the material. */
function quizAnswers(rng: Rng, questions: readonly QuizQuestion[], skill: number): Record<string, QuizAnswer> {
  const answers: Record<string, QuizAnswer> = {};
  for (const q of questions) {
    const right = rng.chance(skill);
    switch (q.type) {
      case 'single':
        answers[q.id] = right ? q.answer : rng.pick(q.options.filter((o) => o.id !== q.answer)).id;
        break;
      case 'multiple': {
        if (right) answers[q.id] = [...q.answer];
        else if (q.answer.length > 1 && rng.chance(0.6)) answers[q.id] = q.answer.slice(0, q.answer.length - 1); // partly right
        else answers[q.id] = [...q.answer.slice(0, 1), ...q.options.filter((o) => !q.answer.includes(o.id)).slice(0, 1).map((o) => o.id)];
        break;
      }
      case 'truefalse':
        answers[q.id] = right ? q.answer : !q.answer;
        break;
      case 'numeric':
        answers[q.id] = right ? q.answer.value : Math.round(q.answer.value * (rng.chance(0.5) ? 0.6 : 1.5) + 1);
        break;
    }
  }
  return answers;
}

/**
 * Every record of the round. `households` gives positions, sizes and incomes; `roles` the cadres'
 * roles for interview prompts.
 */
export function generateRound(planId: string, draw: DrawRecord, visits: readonly RoundVisit[], households: ReadonlyMap<string, HouseholdRecord>): GeneratedRound {
  const bank = new Map(QUIZ_BANK.map((q) => [q.id, q]));
  const out: GeneratedRound = { records: [], substitutions: [], quizzes: [], signoffs: [] };
  const byVillage = new Map(visits.map((v) => [v.villageCode, v]));
  const villageOrder = new Map<string, number>();
  for (const v of [...visits].sort((a, b) => a.visitDate.localeCompare(b.visitDate) || a.villageCode.localeCompare(b.villageCode))) {
    const key = `${v.team}|${v.visitDate}`;
    villageOrder.set(v.villageCode, [...villageOrder.keys()].filter((c) => `${byVillage.get(c)!.team}|${byVillage.get(c)!.visitDate}` === key).length);
  }

  for (const village of draw.villages) {
    const visit = byVillage.get(village.villageCode);
    if (!visit) continue;
    const rng = new Rng(`${DEMO_ROUND_SEED}|${village.villageCode}`);
    const device = DEMO_DEVICES[visit.team];
    // A village's "quality": most villages are ordinary, a few are very good, a few weak.
    const quality = rng.weighted([0.45, 0.75, 1, 1.3, 1.8], (q) => (q === 1 ? 4 : q === 0.75 || q === 1.3 ? 2.5 : 1));
    // Two or three villages a team-day: each village gets its own part of the day.
    let minute = villageOrder.get(village.villageCode)! * 200;
    const step = (n: number) => at(visit.visitDate, (minute += n));
    const base = (stopKind: StopRecord['stopKind'], stopCode: string, template: ChecklistTemplate, when: string): Omit<StopRecord, 'answers' | 'status'> => ({
      clientId: stableUuid(planId, village.villageCode, stopKind, stopCode),
      planId,
      villageCode: village.villageCode,
      stopKind,
      stopCode,
      templateId: template.id,
      templateVersion: template.version,
      deviceId: device,
      revision: 1,
      updatedAt: when,
    });

    // 入户调查: drawn households; now and then one is away and the next reserve of its stratum is taken.
    const taken: string[] = [];
    const visitHousehold = (householdNo: string, stratum: Stratum) => {
      const when = step(rng.int(12, 25));
      const priority = stratum !== 'ordinary' && stratum !== 'tuopin';
      const hasProblem = rng.chance(Math.min(0.9, STRATUM_PROBLEM_RATE[stratum] * quality));
      const k = hasProblem ? rng.weighted([1, 2, 3], (n) => (n === 1 ? 70 : n === 2 ? 25 : 5)) : 0;
      const problems = pickProblems(rng, FANGCHENG_HOUSEHOLD, k, priority, STRATUM_ITEM_BOOST[stratum]);
      const h = households.get(householdNo);
      const lat = (h?.lat ?? 33.25) + (rng.float() - 0.5) * 0.0004;
      const lng = (h?.lng ?? 113.01) + (rng.float() - 0.5) * 0.0004;
      out.records.push({
        ...base('household', householdNo, FANGCHENG_HOUSEHOLD, when),
        answers: answer({ rng, template: FANGCHENG_HOUSEHOLD, problems, when }),
        figures: figures(rng, h, problems),
        status: 'complete',
        position: { lat: round6(lat), lng: round6(lng), accuracy: rng.int(5, 30), at: when },
        team: visit.team,
      });
    };
    const substituteOnce = rng.chance(0.45);
    const awayIndex = substituteOnce ? rng.int(0, village.sample.length - 1) : -1;
    village.sample.forEach((drawn, i) => {
      if (i === awayIndex) {
        const replacement = nextReserve(village, drawn.stratum, taken);
        if (replacement) {
          const why = rng.pick(ABSENT_REASONS);
          const when = step(10);
          out.records.push({ ...base('household', drawn.householdNo, FANGCHENG_HOUSEHOLD, when), answers: [], status: why.reason, notes: why.note, team: visit.team });
          out.substitutions.push({
            clientId: stableUuid(planId, village.villageCode, 'substitution', drawn.householdNo),
            planId,
            villageCode: village.villageCode,
            absentHouseholdNo: drawn.householdNo,
            reason: why.reason,
            replacementHouseholdNo: replacement.householdNo,
            stratum: drawn.stratum,
            at: when,
            deviceId: device,
            team: visit.team,
          });
          taken.push(replacement.householdNo);
          visitHousehold(replacement.householdNo, drawn.stratum);
          return;
        }
      }
      visitHousehold(drawn.householdNo, drawn.stratum);
    });

    // 项目资产核查
    for (const p of village.projects.sample) {
      const when = step(rng.int(15, 30));
      const problems = pickProblems(rng, PROJECT_CHECK, rng.chance(0.22 * quality) ? rng.int(1, 2) : 0, false);
      out.records.push({ ...base('project', p.code, PROJECT_CHECK, when), answers: answer({ rng, template: PROJECT_CHECK, problems, when }), status: 'complete', team: visit.team });
    }
    for (const a of village.assets.sample) {
      const when = step(rng.int(10, 20));
      const problems = pickProblems(rng, ASSET_CHECK, rng.chance(0.2 * quality) ? 1 : 0, false);
      out.records.push({ ...base('asset', a.code, ASSET_CHECK, when), answers: answer({ rng, template: ASSET_CHECK, problems, when }), status: 'complete', team: visit.team });
    }

    // 干部访谈: each interviewee answers the prompts for their role; the rest are 不适用.
    for (const interviewee of village.interviewees) {
      const when = step(rng.int(10, 20));
      if (interviewee.basis === 'drawn' && rng.chance(0.05)) {
        out.records.push({ ...base('interview', interviewee.cadreNo, CADRE_INTERVIEW, when), answers: [], status: 'absent', notes: '外出参加培训，未能访谈', team: visit.team });
        continue;
      }
      const mine = (id: string) => CADRE_INTERVIEW.items.find((i) => i.id === id)!.roles?.includes(interviewee.role as CadreRole) ?? true;
      const notApplicable = new Set(CADRE_INTERVIEW.items.filter((i) => !mine(i.id)).map((i) => i.id));
      const problems = pickProblems(rng, CADRE_INTERVIEW, rng.chance(0.2 * quality) ? 1 : 0, false, {}, mine);
      out.records.push({ ...base('interview', interviewee.cadreNo, CADRE_INTERVIEW, when), answers: answer({ rng, template: CADRE_INTERVIEW, problems, notApplicable, when }), status: 'complete', team: visit.team });
    }

    // 村级问题排查 and 查阅资料
    {
      const when = step(20);
      const problems = pickProblems(rng, FANGCHENG_VILLAGE, rng.chance(0.5 * quality) ? rng.int(1, 2) : 0, false);
      out.records.push({ ...base('village', village.villageCode, FANGCHENG_VILLAGE, when), answers: answer({ rng, template: FANGCHENG_VILLAGE, problems, when }), status: 'complete', team: visit.team });
    }
    {
      const when = step(30);
      const problems = pickProblems(rng, DOCUMENT_REVIEW, rng.chance(0.6 * quality) ? rng.int(1, 3) : 0, false);
      out.records.push({ ...base('documents', village.villageCode, DOCUMENT_REVIEW, when), answers: answer({ rng, template: DOCUMENT_REVIEW, problems, when }), status: 'complete', team: visit.team });
    }

    // 知识测试: the cadres drawn for the quiz; a good village's cadres know more.
    for (const taker of village.quiz) {
      const questions = taker.questionIds.map((id) => bank.get(id)).filter((q): q is QuizQuestion => q !== undefined);
      const skill = Math.max(0.35, Math.min(0.97, 0.92 - 0.18 * (quality - 0.45) + (rng.float() - 0.5) * 0.2));
      const answers = quizAnswers(rng, questions, skill);
      out.quizzes.push({
        clientId: stableUuid(planId, village.villageCode, 'quiz', taker.cadreNo),
        villageCode: village.villageCode,
        cadreNo: taker.cadreNo,
        questionIds: [...taker.questionIds],
        answers,
        result: gradeQuiz(questions, answers),
        team: visit.team,
      });
    }
  }

  const days = [...new Set(visits.map((v) => `${v.team}|${v.visitDate}`))].sort();
  for (const key of days) {
    const [team, visitDate] = key.split('|');
    out.signoffs.push({ team: Number(team), visitDate, at: new Date(Date.parse(`${visitDate}T18:30:00+08:00`)).toISOString() });
  }
  return out;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

