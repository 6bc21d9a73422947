import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPES as SCORING_PROBLEM_TYPES } from '@lookback/scoring';
import {
  ASSET_CHECK,
  CADRE_INTERVIEW,
  DEFAULT_TEMPLATES,
  DOCUMENT_REVIEW,
  FANGCHENG_HOUSEHOLD,
  FANGCHENG_VILLAGE,
  PROBLEM_TYPES,
  PROJECT_CHECK,
  SEVERITIES,
  validateTemplate,
  XIANGCHENG_72,
  type ChecklistTemplate,
} from './index.js';

describe('default checklist templates', () => {
  it.each(DEFAULT_TEMPLATES.map((t) => [t.id, t] as const))('%s is valid', (_id, t) => {
    expect(validateTemplate(t)).toEqual([]);
  });

  it('have the item counts of the source documents, with ids unique across all templates', () => {
    expect(FANGCHENG_HOUSEHOLD.items).toHaveLength(13);
    expect(FANGCHENG_VILLAGE.items).toHaveLength(6);
    expect(XIANGCHENG_72.items).toHaveLength(72);
    const ids = DEFAULT_TEMPLATES.flatMap((t) => t.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(DEFAULT_TEMPLATES.map((t) => t.id)).size).toBe(DEFAULT_TEMPLATES.length);
  });

  it('cover every kind of stop', () => {
    expect(new Set(DEFAULT_TEMPLATES.map((t) => t.kind))).toEqual(new Set(['household', 'village', 'project', 'asset', 'documents', 'interview']));
    for (const t of [PROJECT_CHECK, ASSET_CHECK, DOCUMENT_REVIEW, CADRE_INTERVIEW]) expect(t.items.length).toBeGreaterThanOrEqual(6);
  });

  it('方城 附件1 keeps the 13 事项 in the document order', () => {
    expect(FANGCHENG_HOUSEHOLD.items.map((i) => i.subArea)).toEqual([
      '2021年10月以来家庭收支情况',
      '住房保障',
      '教育帮扶',
      '健康帮扶',
      '安全饮水',
      '综合保障',
      '技能培训',
      '公益岗',
      '金融帮扶',
      '档卡资料',
      '信访稳控',
      '户容户貌',
      '帮扶责任',
    ]);
    expect(FANGCHENG_HOUSEHOLD.items[4].text).toBe('是否存在安全饮水保障不到位问题。');
    expect(FANGCHENG_HOUSEHOLD.items.every((i) => !i.text.includes('□') && !i.text.includes('<input'))).toBe(true);
  });

  it('方城 附件2 keeps the 6 项目', () => {
    expect(FANGCHENG_VILLAGE.items.map((i) => i.subArea)).toEqual(['防返贫监测', '“三保障”巩固', '产业就业帮扶', '项目资金管理', '涉贫信访、网络舆情稳控', '帮扶责任']);
  });

  it('襄城 72 has 3 categories, 16 sub-areas and a responsible unit on every item', () => {
    const byCategory = (c: string) => XIANGCHENG_72.items.filter((i) => i.category === c).length;
    expect([byCategory('责任落实'), byCategory('政策落实'), byCategory('工作落实')]).toEqual([3, 28, 41]);
    const subAreas = [...new Set(XIANGCHENG_72.items.map((i) => i.subArea))];
    expect(subAreas).toEqual([
      '党委政府责任落实',
      '行业部门责任落实',
      '驻村帮扶责任',
      '教育帮扶',
      '健康帮扶',
      '住房安全',
      '饮水安全',
      '综合保障',
      '监测帮扶',
      '产业帮扶',
      '就业帮扶',
      '金融帮扶',
      '资金项目',
      '乡村建设',
      '问题整改',
      '信访舆情',
    ]);
    expect(XIANGCHENG_72.items.every((i) => i.responsibleUnit && i.responsibleUnit.length > 0)).toBe(true);
    expect(XIANGCHENG_72.items.map((i) => i.order)).toEqual(Array.from({ length: 72 }, (_, k) => k + 1));
  });

  it('襄城 items are transcribed with their own responsible unit and polarity', () => {
    const item = (n: number) => XIANGCHENG_72.items[n - 1];
    expect(item(39).text).toContain('2023年以家庭年人均纯收入7500元为参考');
    expect(item(42).text).toBe('看识别认定工作时间是否超过15天，常态化识别的易返贫致贫户（监测对象）县级批准后是否10天内完成系统录入。');
    expect(item(26).responsibleUnit).toBe('县民政局、县人社局，各乡镇（街道）党委政府');
    expect(item(60).responsibleUnit).toBe('县财政局、县乡村振兴局，各乡镇（街道）党委政府');
    expect(item(54).responsibleUnit).toBe('县金融事务中心，各乡镇（街道）党委政府');
    // "是否全部上学" finds a problem on 否; "是否存在危房住人" on 是.
    expect(item(4).problemWhen).toBe('no');
    expect(item(18).problemWhen).toBe('yes');
    expect(item(61).defaultProblemType).toBe('资金项目');
  });

  it('problem types and severities are the ones scoring weighs', () => {
    expect(PROBLEM_TYPES).toBe(SCORING_PROBLEM_TYPES);
    expect(PROBLEM_TYPES).toHaveLength(14);
    expect(SEVERITIES).toEqual(['一般', '较重', '严重']);
  });
});

describe('validateTemplate', () => {
  it('reports duplicate ids, duplicate orders, unknown problem types and empty text', () => {
    const broken: ChecklistTemplate = {
      ...FANGCHENG_VILLAGE,
      items: [
        { ...FANGCHENG_VILLAGE.items[0] },
        { ...FANGCHENG_VILLAGE.items[1], id: FANGCHENG_VILLAGE.items[0].id, order: 1 },
        { ...FANGCHENG_VILLAGE.items[2], defaultProblemType: '其他' as never, text: ' ' },
      ],
    };
    const problems = validateTemplate(broken);
    expect(problems).toEqual([
      '第 2 项（fc-v-01）：编号重复',
      '第 2 项（fc-v-01）：序号 1 重复',
      '第 3 项（fc-v-03）：排查内容不能为空',
      '第 3 项（fc-v-03）：问题类型“其他”不在 14 类之内',
    ]);
  });

  it('refuses a template without items or with a non-integer version', () => {
    expect(validateTemplate({ ...PROJECT_CHECK, version: 1.5, items: [] })).toEqual(['模板版本应为正整数，实为 1.5', '模板没有任何排查项目']);
  });
});
