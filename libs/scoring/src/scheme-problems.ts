import { COMPONENT_LABELS, type Component } from './scheme.js';

const label = (c: string) => COMPONENT_LABELS[c as Component] ?? c;

/** validateScheme's problems (English, for developers) in the admin's words (Simplified Chinese). Unknown ones pass through. */
export function schemeProblemsInChinese(problems: readonly string[]): string[] {
  return problems.map((p) => {
    let m: RegExpMatchArray | null;
    if (p === 'version must be a non-empty string') return '版本号不能为空';
    if ((m = p.match(/^components\.(.+) must be a finite number ≥ 0$/))) return `分项“${label(m[1])}”的分值应为不小于 0 的数`;
    if ((m = p.match(/^components\.(.+) is not a component$/))) return `“${m[1]}”不是评分分项（可用：${Object.entries(COMPONENT_LABELS).map(([k, v]) => `${k} ${v}`).join('、')}）`;
    if ((m = p.match(/^component weights sum to (.+), not 100$/))) return `各分项分值合计为 ${m[1]}，应为 100`;
    if (p.startsWith('householdMeasure')) return '入户计量方式应为 burden（按问题负担）或 indicator（按问题户）';
    if ((m = p.match(/^severityWeights\.(.+) must be a finite number ≥ 0$/))) return `严重程度“${m[1]}”的系数应为不小于 0 的数`;
    if ((m = p.match(/^problemTypeWeights\.(.+) must be a finite number ≥ 0$/))) return `问题类型“${m[1]}”的系数应为不小于 0 的数`;
    if ((m = p.match(/^problemTypeWeights\.(.+) is not a problem type$/))) return `“${m[1]}”不是问题类型`;
    if (p.startsWith('overduePenaltyPerItem')) return '每项逾期扣分应为不小于 0 的数';
    if (p.startsWith('maxLedgerPenalty')) return '整改台账最多扣分应在 0 到 100 之间';
    return p;
  });
}
