/**
 * The on-site policy quiz (知识测试): the inspector hands a phone to 驻村工作队员, 村两委干部 or
 * 网格员 and the answers are graded before the team leaves the village.
 */

/**
 * The five source documents the bank is written from (file names in /work/shared/seeds).
 * Every question cites one of them, so an official can check the question against the text.
 */
export const SOURCE_DOCUMENTS = {
  '000_9747f57ddc405200.txt': '方城县巩固脱贫成果“回头看”靶向整改专项行动实施方案（方农工组〔2022〕17号）',
  '001_924fda636b28dc67.txt': '建安区2022年度第一轮巩固拓展脱贫攻坚成果行业政策落实“回头看”实施方案',
  '002_1866b73e25412075.txt': '萧县巩固拓展脱贫攻坚成果大排查工作方案（萧乡振办〔2021〕7号）',
  '003_b3e9917e46eeff3e.txt': '襄城县巩固拓展脱贫攻坚成果“三落实”领域“大排查、大整改、大提升”专项行动实施方案（襄巩固组〔2023〕13号）',
  '004_105d08d24de30aff.txt': '蒿沟镇2023年度巩固拓展脱贫攻坚成果督查及问题整改“回头看”工作方案（蒿政字〔2023〕16号）',
} as const;
export type SourceDocument = keyof typeof SOURCE_DOCUMENTS;
export const SOURCE_DOCUMENT_NAMES = Object.keys(SOURCE_DOCUMENTS) as readonly SourceDocument[];

/** Policy areas (政策领域) a question belongs to; used to balance draws and to report by topic. */
export const QUIZ_TOPICS = [
  '监测帮扶',
  '住房安全',
  '饮水安全',
  '教育帮扶',
  '健康帮扶',
  '综合保障',
  '就业帮扶',
  '产业帮扶',
  '金融帮扶',
  '资金项目',
  '乡村建设',
  '责任落实',
  '问题整改',
  '工作方法',
] as const;
export type QuizTopic = (typeof QUIZ_TOPICS)[number];

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'numeric'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const OPTION_IDS = ['A', 'B', 'C', 'D', 'E'] as const;
export type OptionId = (typeof OPTION_IDS)[number];

export interface QuizOption {
  readonly id: OptionId;
  readonly text: string;
}

/** Where in the source documents the answer can be read. */
export interface QuestionSource {
  readonly document: SourceDocument;
  /** Section as numbered in the document, e.g. '二、政策落实 (五)' or '附件 第39项'. */
  readonly section: string;
}

/** A numeric answer is right when |given − value| ≤ tolerance. */
export interface NumericAnswer {
  readonly value: number;
  readonly tolerance: number;
  /** Shown beside the input field on the phone (元/年, 天, %...). */
  readonly unit: string;
}

interface QuestionBase {
  /** Stable id ('Q001'); results and wrong-rate statistics refer to it. */
  readonly id: string;
  readonly topic: QuizTopic;
  /** 题干 (Simplified Chinese). */
  readonly stem: string;
  /** 解析: one line shown after grading. */
  readonly explanation: string;
  readonly source: QuestionSource;
}

/** 单选题 */
export interface SingleChoiceQuestion extends QuestionBase {
  readonly type: 'single';
  readonly options: readonly QuizOption[];
  readonly answer: OptionId;
}

/** 多选题 */
export interface MultipleChoiceQuestion extends QuestionBase {
  readonly type: 'multiple';
  readonly options: readonly QuizOption[];
  readonly answer: readonly OptionId[];
}

/** 判断题 */
export interface TrueFalseQuestion extends QuestionBase {
  readonly type: 'truefalse';
  readonly answer: boolean;
}

/** 填空（数字）题 */
export interface NumericQuestion extends QuestionBase {
  readonly type: 'numeric';
  readonly answer: NumericAnswer;
}

export type QuizQuestion = SingleChoiceQuestion | MultipleChoiceQuestion | TrueFalseQuestion | NumericQuestion;

/**
 * What the phone receives before grading: no answer, no explanation, no source section
 * (a section title can give the answer away). Numeric questions carry only the unit.
 */
export type FieldQuestion =
  | { readonly id: string; readonly topic: QuizTopic; readonly type: 'single' | 'multiple'; readonly stem: string; readonly options: readonly QuizOption[] }
  | { readonly id: string; readonly topic: QuizTopic; readonly type: 'truefalse'; readonly stem: string }
  | { readonly id: string; readonly topic: QuizTopic; readonly type: 'numeric'; readonly stem: string; readonly unit: string };

/**
 * What the cadre answered: an option id (single), option ids (multiple), a boolean (true/false),
 * or a number / the text typed into the field (numeric).
 */
export type QuizAnswer = string | number | boolean | readonly string[];

/** The expected answer as shown after grading. */
export type ExpectedAnswer = OptionId | readonly OptionId[] | boolean | NumericAnswer;

export interface QuestionResult {
  readonly id: string;
  readonly topic: QuizTopic;
  readonly type: QuestionType;
  /** True only when the answer is entirely right (for multiple: exactly the correct set). */
  readonly correct: boolean;
  /** 0..1; below 1 only for partial credit on multiple choice. */
  readonly score: number;
  /** What the cadre gave, null when unanswered. */
  readonly given: QuizAnswer | null;
  readonly expected: ExpectedAnswer;
  readonly explanation: string;
}

export interface QuizResult {
  readonly items: readonly QuestionResult[];
  /** Sum of item scores. */
  readonly score: number;
  /** One point per question. */
  readonly maxScore: number;
  /** 0..100, one decimal. */
  readonly percent: number;
  /**
   * Set on a result handed out while other cadres of the village may still answer the same
   * questions: `items` is then empty (no right/wrong, answers or explanations), only the score.
   */
  readonly withheld?: true;
}
