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

/**
 * A breakdown line's note (score-village.ts writes them in English for developers) in the words
 * shown to leaders. Parts are separated by '; '; an unknown part passes through unchanged.
 */
export function breakdownNoteInChinese(note: string | undefined): string | undefined {
  if (note === undefined) return undefined;
  return note
    .split('; ')
    .map((part) => {
      let m: RegExpMatchArray | null;
      if ((m = part.match(/^(\d+) households visited, (\d+) with findings; 90% interval from the stratified estimate$/))) return `入户 ${m[1]} 户，其中 ${m[2]} 户发现问题；90% 区间来自分层抽样估计`;
      if ((m = part.match(/^(\d+) households visited, (\d+) with findings$/))) return `入户 ${m[1]} 户，其中 ${m[2]} 户发现问题`;
      if (part === '90% interval from the stratified estimate') return '90% 区间来自分层抽样估计';
      if ((m = part.match(/^(\d+) of (\d+) passed$/))) return `${m[2]} 项中 ${m[1]} 项合格`;
      if ((m = part.match(/^mean of (\d+) cadres$/))) return `${m[1]} 名村干部的平均分`;
      if ((m = part.match(/^(\d+) of (\d+) items overdue on (\S+): −(\S+) \((\S+) each, at most (\S+)\)$/))) {
        return `截至 ${m[3]}，${m[2]} 项中 ${m[1]} 项逾期，扣 ${m[4]} 分（每项 ${m[5]} 分，最多 ${m[6]} 分）`;
      }
      if ((m = part.match(/^re-weighted over present components \(missing: (.+)\)$/))) return `缺少${m[1]}，其分值按比例分给已核查的分项`;
      if ((m = part.match(/^its (\S+) points shared among the others$/))) return `本项 ${m[1]} 分按比例分给其余分项`;
      if ((m = part.match(/^(.+?): [a-z].*$/)) && /[\u4e00-\u9fff]/.test(m[1])) return m[1]; // '未入户: no household visited'
      return part;
    })
    .join('；');
}
