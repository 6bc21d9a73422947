import type {
  MultipleChoiceQuestion,
  NumericQuestion,
  QuizQuestion,
  QuizTopic,
  SingleChoiceQuestion,
  TrueFalseQuestion,
} from './types.js';

/** Small hand-made questions for grading and drawing tests, independent of the real bank. */
const source = { document: '003_b3e9917e46eeff3e.txt', section: '附件 排查整改台账 第39项' } as const;

export const SINGLE: SingleChoiceQuestion = {
  id: 'Q901', topic: '健康帮扶', type: 'single',
  stem: '特困供养人员参加城乡居民基本医疗保险，其所需个人缴费由（ ）解决。',
  options: [
    { id: 'A', text: '本人及家庭' },
    { id: 'B', text: '参保地所属政府' },
    { id: 'C', text: '村集体' },
    { id: 'D', text: '帮扶单位' },
  ],
  answer: 'B',
  explanation: '由参保地所属政府解决。',
  source,
};

export const TRUE_FALSE: TrueFalseQuestion = {
  id: 'Q902', topic: '资金项目', type: 'truefalse',
  stem: '季节性使用的经营性资产不认定为闲置。',
  answer: true,
  explanation: '季节性使用非闲置。',
  source,
};

export const NUMERIC_YUAN: NumericQuestion = {
  id: 'Q903', topic: '监测帮扶', type: 'numeric',
  stem: '2023年识别监测对象以家庭年人均纯收入____元为参考。',
  answer: { value: 7500, tolerance: 0, unit: '元' },
  explanation: '以7500元为参考。',
  source,
};

export const NUMERIC_WITH_TOLERANCE: NumericQuestion = {
  id: 'Q904', topic: '乡村建设', type: 'numeric',
  stem: '户厕整村改造率应达到____%以上。',
  answer: { value: 85, tolerance: 0.5, unit: '%' },
  explanation: '85%以上。',
  source,
};

export const NUMERIC_WAN: NumericQuestion = {
  id: 'Q905', topic: '产业帮扶', type: 'numeric',
  stem: '村集体经济收入应达到____万元以上。',
  answer: { value: 5, tolerance: 0, unit: '万元' },
  explanation: '5万元以上。',
  source,
};

export const MULTIPLE: MultipleChoiceQuestion = {
  id: 'Q906', topic: '金融帮扶', type: 'multiple',
  stem: '扶贫小额信贷应落实（ ）政策。',
  options: [
    { id: 'A', text: '免抵押' },
    { id: 'B', text: '免还本金' },
    { id: 'C', text: '免担保' },
    { id: 'D', text: '政府贴息' },
    { id: 'E', text: '免审核放款' },
  ],
  answer: ['A', 'C', 'D'],
  explanation: '免抵押、免担保、政府贴息。',
  source,
};

/**
 * A synthetic bank of `perTopic[i]` true/false questions in topic i, ids Q001…; enough shape for
 * drawing, which looks only at ids and topics.
 */
export function syntheticBank(topics: readonly QuizTopic[], perTopic: readonly number[]): QuizQuestion[] {
  const bank: QuizQuestion[] = [];
  topics.forEach((topic, t) => {
    for (let i = 0; i < perTopic[t]; i++) {
      const n = bank.length + 1;
      bank.push({
        id: `Q${String(n).padStart(3, '0')}`,
        topic,
        type: 'truefalse',
        stem: `${topic} 第${i + 1}题`,
        answer: n % 2 === 0,
        explanation: '—',
        source,
      });
    }
  });
  return bank;
}
