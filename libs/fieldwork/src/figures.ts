/**
 * Household figures (户级数据) captured at a visit: the 萧县 ledger's and 方城 附件1 第1项's numbers.
 */

/** The ledger figures the issue asks for at every household visit; null = not asked / unknown. */
export interface XiaoLedgerFigures {
  /** 人均纯收入 (元/人/年) */
  incomePerCapita: number | null;
  /** 家庭成员是否全部参加新农合 (城乡居民基本医疗保险) */
  allInsured: boolean | null;
  /** 义务教育阶段适龄儿童是否全部在校 — the negation of 台账 "如有，是否失学辍学". */
  schoolAgeAllInSchool: boolean | null;
  /** 现有住房是否安全 */
  housingSafe: boolean | null;
  /** 饮水是否安全 — the negation of 台账 "是否存在饮水安全问题". */
  waterSafe: boolean | null;
}

/**
 * All figures a household visit may carry: the five above, the remaining 萧县 ledger columns, and
 * the numbers 方城 附件1 第1项 asks for (家庭收支情况). Optional ones are left out when not asked.
 */
export interface HouseholdFigures extends XiaoLedgerFigures {
  /** 家庭年收入 (元); when absent the ledger shows incomePerCapita × 家庭人口数. */
  householdIncome?: number | null;
  /** 收入主要来源 */
  mainIncomeSource?: string | null;
  /** 收入是否稳定 */
  incomeStable?: boolean | null;
  /** 家中是否有大病或长期慢性病患者 */
  seriousIllness?: boolean | null;
  /** 是否具备自行支付能力 */
  canPayMedical?: boolean | null;
  /** 家中是否有义务教育阶段适龄儿童或少年 */
  hasSchoolAgeChildren?: boolean | null;
  /** 如果失学辍学，原因是什么 */
  dropoutReason?: string | null;
  /** 如果现有住房不安全，是否进行过鉴定 */
  housingAppraised?: boolean | null;
  /** 如果现有住房不安全，是否有其他安全住房 */
  hasOtherSafeHousing?: boolean | null;
  /** 户内发现其他问题（进行描述）; when absent the ledger lists the other findings' descriptions. */
  otherProblems?: string | null;
  /** 是否存在其他困难 */
  otherDifficulties?: boolean | null;
  /** 方城 附件1 ①: 家里__口人 */
  members?: number | null;
  /** ①: 其中__人有劳动能力 */
  laborers?: number | null;
  /** ②: 家庭纯收入 (元) and its parts */
  netIncome?: number | null;
  wageIncome?: number | null;
  businessIncome?: number | null;
  transferIncome?: number | null;
  propertyIncome?: number | null;
  /** ③: 大额刚性支出 — 教育支出, 医疗合规报销后自付费用 (元) */
  educationExpense?: number | null;
  medicalSelfPay?: number | null;
}

export const HOUSEHOLD_FIGURE_KEYS = [
  'incomePerCapita',
  'allInsured',
  'schoolAgeAllInSchool',
  'housingSafe',
  'waterSafe',
  'householdIncome',
  'mainIncomeSource',
  'incomeStable',
  'seriousIllness',
  'canPayMedical',
  'hasSchoolAgeChildren',
  'dropoutReason',
  'housingAppraised',
  'hasOtherSafeHousing',
  'otherProblems',
  'otherDifficulties',
  'members',
  'laborers',
  'netIncome',
  'wageIncome',
  'businessIncome',
  'transferIncome',
  'propertyIncome',
  'educationExpense',
  'medicalSelfPay',
] as const satisfies readonly (keyof HouseholdFigures)[];
