/** The household figures on the phone: 萧县 ledger columns first, then 方城 附件1 第1项's numbers. */
import type { HouseholdFigures } from '@lookback/fieldwork';

export interface FigureField {
  key: keyof HouseholdFigures;
  label: string;
  kind: 'number' | 'boolean' | 'string';
  unit?: string;
  /** Shown without opening "更多". */
  core?: boolean;
}

export const FIGURE_FIELDS: readonly FigureField[] = [
  { key: 'incomePerCapita', label: '人均纯收入', kind: 'number', unit: '元/人/年', core: true },
  { key: 'allInsured', label: '家庭成员是否全部参加城乡居民医保', kind: 'boolean', core: true },
  { key: 'schoolAgeAllInSchool', label: '义务教育阶段适龄儿童是否全部在校', kind: 'boolean', core: true },
  { key: 'housingSafe', label: '现有住房是否安全', kind: 'boolean', core: true },
  { key: 'waterSafe', label: '饮水是否安全', kind: 'boolean', core: true },
  { key: 'members', label: '家庭人口', kind: 'number', unit: '人' },
  { key: 'laborers', label: '其中有劳动能力', kind: 'number', unit: '人' },
  { key: 'householdIncome', label: '家庭年收入', kind: 'number', unit: '元' },
  { key: 'netIncome', label: '家庭纯收入', kind: 'number', unit: '元' },
  { key: 'wageIncome', label: '工资性收入', kind: 'number', unit: '元' },
  { key: 'businessIncome', label: '生产经营性收入', kind: 'number', unit: '元' },
  { key: 'transferIncome', label: '转移性收入', kind: 'number', unit: '元' },
  { key: 'propertyIncome', label: '财产性收入', kind: 'number', unit: '元' },
  { key: 'educationExpense', label: '教育支出', kind: 'number', unit: '元' },
  { key: 'medicalSelfPay', label: '医疗合规报销后自付', kind: 'number', unit: '元' },
  { key: 'mainIncomeSource', label: '收入主要来源', kind: 'string' },
  { key: 'incomeStable', label: '收入是否稳定', kind: 'boolean' },
  { key: 'seriousIllness', label: '家中是否有大病或长期慢性病患者', kind: 'boolean' },
  { key: 'canPayMedical', label: '是否具备自行支付能力', kind: 'boolean' },
  { key: 'hasSchoolAgeChildren', label: '家中是否有义务教育阶段适龄儿童', kind: 'boolean' },
  { key: 'dropoutReason', label: '如失学辍学，原因', kind: 'string' },
  { key: 'housingAppraised', label: '如住房不安全，是否进行过鉴定', kind: 'boolean' },
  { key: 'hasOtherSafeHousing', label: '如住房不安全，是否有其他安全住房', kind: 'boolean' },
  { key: 'otherDifficulties', label: '是否存在其他困难', kind: 'boolean' },
  { key: 'otherProblems', label: '户内发现其他问题', kind: 'string' },
];

/** What the inspector typed into a number field: null when empty, NaN when not a number. */
export function parseFigureNumber(text: string): number | null {
  const t = text.trim().replace(/[,，\s]/g, '');
  if (t === '') return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}
