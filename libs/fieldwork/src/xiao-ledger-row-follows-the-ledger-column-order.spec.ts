import { describe, expect, it } from 'vitest';
import { XIAO_LEDGER_GROUPS, XIAO_LEDGER_HEADERS, xiaoLedgerRow, type ItemAnswer } from './index.js';

const finding = (itemId: string, description: string, problemType: never | string): ItemAnswer => ({
  itemId,
  value: 'yes',
  problem: { description, problemType: problemType as never, severity: '一般' },
});

describe('萧县 大排查入户排查台账', () => {
  it('has the ledger\'s 19 columns in its order, under its five groups', () => {
    expect(XIAO_LEDGER_HEADERS).toHaveLength(19);
    expect(XIAO_LEDGER_HEADERS.slice(0, 3)).toEqual(['户主姓名', '户属性', '家庭人口数']);
    expect(XIAO_LEDGER_HEADERS.slice(-3)).toEqual(['户内发现其他问题（进行描述）', '户内共发现问题数（个）', '是否存在其他困难']);
    expect(XIAO_LEDGER_GROUPS.map((g) => [g.title, XIAO_LEDGER_HEADERS[g.from]])).toEqual([
      ['收入状况', '家庭年收入'],
      ['基本医疗保障', '家庭成员是否全部参加新农合'],
      ['义务教育保障', '家中是否有义务教育阶段适龄儿童或少年'],
      ['住房安全保障', '现有住房是否安全'],
      ['饮水安全保障', '是否存在饮水安全问题'],
    ]);
  });

  it('writes a visit as one row in that order, counting the findings', () => {
    const row = xiaoLedgerRow({
      household: { headName: '王德福', householdType: '监测户', members: 4 },
      record: {
        figures: {
          incomePerCapita: 6800,
          allInsured: false,
          schoolAgeAllInSchool: false,
          housingSafe: false,
          waterSafe: true,
          mainIncomeSource: '务工',
          incomeStable: false,
          seriousIllness: true,
          canPayMedical: false,
          dropoutReason: '厌学',
          housingAppraised: true,
          hasOtherSafeHousing: false,
          otherDifficulties: true,
        },
        answers: [
          finding('fc-h-02', '住危房', '住房安全'),
          finding('fc-h-08', '公益岗未实际履职', '就业帮扶'),
          finding('fc-h-09', '应贷未贷', '金融帮扶'),
          { itemId: 'fc-h-05', value: 'no' },
        ],
      },
    });
    expect(row).toEqual(['王德福', '监测户', 4, 27200, '务工', '否', '否', '是', '否', '是', '是', '厌学', '否', '是', '否', '否', '公益岗未实际履职；应贷未贷', 3, '是']);
    expect(row).toHaveLength(XIAO_LEDGER_HEADERS.length);
  });

  it('leaves unknown figures blank and the follow-up questions empty when they do not apply', () => {
    const row = xiaoLedgerRow({
      household: { headName: '李秀英', householdType: '脱贫户', members: 2 },
      record: {
        figures: { incomePerCapita: null, allInsured: true, schoolAgeAllInSchool: null, housingSafe: true, waterSafe: false, hasSchoolAgeChildren: false, householdIncome: 31000 },
        answers: [],
      },
    });
    expect(row).toEqual(['李秀英', '脱贫户', 2, 31000, '', '', '是', '', '', '否', '', '', '是', '', '', '是', '', 0, '']);
  });
});
