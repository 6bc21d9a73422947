/**
 * 萧县 大排查入户排查台账 (萧乡振办〔2021〕7号 附件): the household figures captured at each visit,
 * and one ledger row per visit in that ledger's column order, so an export can be handed over in the
 * layout the county already files.
 */
import type { HouseholdRecord } from '@lookback/contracts';
import type { HouseholdFigures } from './figures.js';
import { findings, type StopRecord } from './record.js';

/** The 19 leaf columns of 大排查入户排查台账, left to right, as the document names them. */
export const XIAO_LEDGER_HEADERS = [
  '户主姓名',
  '户属性',
  '家庭人口数',
  '家庭年收入',
  '收入主要来源',
  '收入是否稳定',
  '家庭成员是否全部参加新农合',
  '家中是否有大病或长期慢性病患者',
  '是否具备自行支付能力',
  '家中是否有义务教育阶段适龄儿童或少年',
  '如有，是否失学辍学',
  '如果失学辍学，原因是什么',
  '现有住房是否安全',
  '如果现有住房不安全，是否进行过鉴定',
  '如果现有住房不安全，是否有其他安全住房',
  '是否存在饮水安全问题',
  '户内发现其他问题（进行描述）',
  '户内共发现问题数（个）',
  '是否存在其他困难',
] as const;

/**
 * The ledger's first header row: groups spanning the leaf columns (the others span both rows).
 * `from` is the 0-based index into XIAO_LEDGER_HEADERS.
 */
export const XIAO_LEDGER_GROUPS = [
  { title: '收入状况', from: 3, span: 3 },
  { title: '基本医疗保障', from: 6, span: 3 },
  { title: '义务教育保障', from: 9, span: 3 },
  { title: '住房安全保障', from: 12, span: 3 },
  { title: '饮水安全保障', from: 15, span: 1 },
] as const;

export type XiaoLedgerCell = string | number;

/** One household visit as the ledger needs it: the roster's head, type and size, and the record. */
export interface XiaoLedgerVisit {
  household: Pick<HouseholdRecord, 'headName' | 'householdType' | 'members'>;
  record: Pick<StopRecord, 'answers' | 'figures'>;
}

/** Problem types that have their own ledger columns; findings of other types go to 其他问题. */
const LEDGER_COLUMN_TYPES: readonly string[] = ['健康帮扶', '教育帮扶', '住房安全', '饮水安全'];

const yesNo = (v: boolean | null | undefined): string => (v === true ? '是' : v === false ? '否' : '');
const not = (v: boolean | null | undefined): boolean | null => (v === true ? false : v === false ? true : null);

/**
 * The visit as a ledger row, cells in XIAO_LEDGER_HEADERS order: numbers stay numbers, yes/no
 * become 是/否, unknown is ''. 户内共发现问题数 counts the record's findings (answers with a problem).
 */
export function xiaoLedgerRow(visit: XiaoLedgerVisit): XiaoLedgerCell[] {
  const f: HouseholdFigures = visit.record.figures ?? {
    incomePerCapita: null,
    allInsured: null,
    schoolAgeAllInSchool: null,
    housingSafe: null,
    waterSafe: null,
  };
  const members = f.members ?? visit.household.members;
  const annualIncome =
    f.householdIncome ?? (f.incomePerCapita !== null && members > 0 ? Math.round(f.incomePerCapita * members) : null);
  const hasChildren = f.hasSchoolAgeChildren ?? (f.schoolAgeAllInSchool !== null ? true : null);
  const found = findings(visit.record);
  const otherProblems =
    f.otherProblems ??
    found
      .filter((a) => !LEDGER_COLUMN_TYPES.includes(a.problem.problemType))
      .map((a) => a.problem.description.trim())
      .join('；');
  return [
    visit.household.headName,
    visit.household.householdType,
    members,
    annualIncome ?? '',
    f.mainIncomeSource ?? '',
    yesNo(f.incomeStable),
    yesNo(f.allInsured),
    yesNo(f.seriousIllness),
    yesNo(f.canPayMedical),
    yesNo(hasChildren),
    hasChildren === false ? '' : yesNo(not(f.schoolAgeAllInSchool)),
    f.schoolAgeAllInSchool === false ? (f.dropoutReason ?? '') : '',
    yesNo(f.housingSafe),
    f.housingSafe === false ? yesNo(f.housingAppraised) : '',
    f.housingSafe === false ? yesNo(f.hasOtherSafeHousing) : '',
    yesNo(not(f.waterSafe)),
    otherProblems,
    found.length,
    yesNo(f.otherDifficulties),
  ];
}
