import { describe, expect, it } from 'vitest';
import { householdRecord } from './__fixtures__/records.js';
import { FANGCHENG_HOUSEHOLD, findings, validateStopRecord, XIANGCHENG_72, type ItemAnswer } from './index.js';

const naAll = (except: string[] = []): ItemAnswer[] =>
  FANGCHENG_HOUSEHOLD.items.filter((i) => !except.includes(i.id)).map((i) => ({ itemId: i.id, value: 'no' as const }));

describe('validateStopRecord', () => {
  it('accepts a complete household visit whose one finding is fully described', () => {
    const record = householdRecord({
      status: 'complete',
      answers: [
        ...naAll(['fc-h-02']),
        { itemId: 'fc-h-02', value: 'yes', problem: { description: '东屋墙体开裂，仍住人', problemType: '住房安全', severity: '严重' } },
      ],
    });
    expect(validateStopRecord(record, FANGCHENG_HOUSEHOLD)).toEqual([]);
    expect(findings(record).map((a) => a.itemId)).toEqual(['fc-h-02']);
  });

  it('requires a problem when the answer is the item\'s problem answer', () => {
    const record = householdRecord({ answers: [{ itemId: 'fc-h-05', value: 'yes' }] });
    expect(validateStopRecord(record, FANGCHENG_HOUSEHOLD)).toEqual(['第 5 项答“是”即发现问题：须填写问题描述、问题类型和严重程度']);
  });

  it('follows each item\'s polarity: 襄城 "是否全部上学" finds a problem on 否', () => {
    const base = householdRecord({ stopKind: 'village', stopCode: '411322100201', templateId: 'xiangcheng-72' });
    expect(validateStopRecord({ ...base, answers: [{ itemId: 'xc-04', value: 'no' }] }, XIANGCHENG_72)).toEqual([
      '第 4 项答“否”即发现问题：须填写问题描述、问题类型和严重程度',
    ]);
    expect(validateStopRecord({ ...base, answers: [{ itemId: 'xc-04', value: 'yes' }] }, XIANGCHENG_72)).toEqual([]);
  });

  it('lists an empty description, an unknown type and an unknown severity', () => {
    const record = householdRecord({
      answers: [{ itemId: 'fc-h-03', value: 'yes', problem: { description: ' ', problemType: '教育' as never, severity: '特别严重' as never } }],
    });
    expect(validateStopRecord(record, FANGCHENG_HOUSEHOLD)).toEqual([
      '第 3 项：问题描述不能为空',
      '第 3 项：问题类型“教育”无效',
      '第 3 项：严重程度应为一般、较重、严重之一',
    ]);
  });

  it('refuses a problem attached to an answer that means no problem, and unknown or repeated items', () => {
    const record = householdRecord({
      answers: [
        { itemId: 'fc-h-07', value: 'na', problem: { description: '未培训', problemType: '就业帮扶', severity: '一般' } },
        { itemId: 'fc-h-08', value: 'no' },
        { itemId: 'fc-h-08', value: 'no' },
        { itemId: 'xc-01', value: 'no' },
      ],
    });
    expect(validateStopRecord(record, FANGCHENG_HOUSEHOLD)).toEqual([
      '第 7 项的答案表示没有问题，却填写了问题：请改答案或删去问题',
      '第 8 项重复作答',
      '模板中没有排查项目 xc-01',
    ]);
  });

  it('refuses "complete" while items are unanswered, but lets an in-progress record be partial', () => {
    const partial = naAll(['fc-h-12', 'fc-h-13']);
    expect(validateStopRecord(householdRecord({ answers: partial }), FANGCHENG_HOUSEHOLD)).toEqual([]);
    expect(validateStopRecord(householdRecord({ answers: partial, status: 'complete' }), FANGCHENG_HOUSEHOLD)).toEqual([
      '标记为完成，但第 12、13 项未作答',
    ]);
  });

  it('checks the record against the template it names and the stop kind', () => {
    const record = householdRecord({ templateVersion: 2, stopKind: 'project', status: 'absent', clientId: 'not-a-uuid' });
    expect(validateStopRecord(record, FANGCHENG_HOUSEHOLD)).toEqual([
      '记录编号（clientId）应为设备生成的 UUID',
      '记录按模板第 2 版填写，当前核对的是第 1 版',
      '核查对象类型 project 与模板类型 household 不符',
      '不在家只适用于农户或访谈对象',
    ]);
  });

  it('checks figure types and the position', () => {
    const record = householdRecord({
      figures: { incomePerCapita: -5, allInsured: 'yes' as never, schoolAgeAllInSchool: null, housingSafe: true, waterSafe: null },
      position: { lat: 95, lng: 113, accuracy: 12, at: '2024-06-03T09:00:00Z' },
    });
    expect(validateStopRecord(record, FANGCHENG_HOUSEHOLD)).toEqual(['户级数据 incomePerCapita 应为非负数', '户级数据 allInsured 应为是/否', '定位纬度无效']);
  });
});
