import {
  OPTION_IDS,
  QUESTION_TYPES,
  QUIZ_TOPICS,
  SOURCE_DOCUMENT_NAMES,
  type QuizQuestion,
} from './types.js';

const ID_PATTERN = /^Q\d{3,}$/;

/**
 * Lists what is wrong with a question bank, one readable line per problem; an empty list means
 * the bank can be used. The bank is data typed by hand, so this checks at run time what the
 * types cannot: duplicate ids, answers that are not among the options, a multiple-choice
 * question with fewer than two correct options, a numeric answer without tolerance, a missing
 * source, a numeric stem that prints its own answer.
 */
export function validateBank(questions: readonly QuizQuestion[]): string[] {
  const problems: string[] = [];
  const seenIds = new Set<string>();
  const seenStems = new Map<string, string>();

  questions.forEach((question, index) => {
    // Read through an untyped view: the bank may come from hand-edited data.
    const q = question as unknown as Record<string, unknown>;
    const id = typeof q.id === 'string' ? q.id : `#${index}`;
    const say = (problem: string) => problems.push(`${id}: ${problem}`);

    if (typeof q.id !== 'string' || !ID_PATTERN.test(q.id)) say('id must look like Q001');
    else if (seenIds.has(q.id)) say('duplicate id');
    else seenIds.add(q.id);

    if (!(QUIZ_TOPICS as readonly unknown[]).includes(q.topic)) say(`unknown topic ${String(q.topic)}`);
    if (!(QUESTION_TYPES as readonly unknown[]).includes(q.type)) say(`unknown type ${String(q.type)}`);

    const stem = typeof q.stem === 'string' ? q.stem.trim() : '';
    if (!stem) say('missing stem');
    else if (seenStems.has(stem)) say(`same stem as ${seenStems.get(stem)}`);
    else seenStems.set(stem, id);

    if (typeof q.explanation !== 'string' || !q.explanation.trim()) say('missing explanation');

    const source = q.source as Record<string, unknown> | undefined;
    if (!source || typeof source !== 'object') say('missing source');
    else {
      if (!(SOURCE_DOCUMENT_NAMES as readonly unknown[]).includes(source.document)) {
        say(`source document ${String(source.document)} is not one of the five source documents`);
      }
      if (typeof source.section !== 'string' || !source.section.trim()) say('missing source section');
    }

    switch (q.type) {
      case 'single':
      case 'multiple':
        problems.push(...checkChoice(q).map((p) => `${id}: ${p}`));
        break;
      case 'truefalse':
        if (typeof q.answer !== 'boolean') say('true/false answer must be a boolean');
        if ('options' in q) say('true/false question must not have options');
        break;
      case 'numeric':
        problems.push(...checkNumeric(stem, q).map((p) => `${id}: ${p}`));
        break;
      default:
        break;
    }
  });
  return problems;
}

function checkChoice(q: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const options = Array.isArray(q.options) ? (q.options as { id?: unknown; text?: unknown }[]) : null;
  if (!options) return ['missing options'];
  if (options.length < 4 || options.length > 5) problems.push(`needs 4–5 options, has ${options.length}`);
  const texts = new Set<string>();
  options.forEach((option, i) => {
    if (option.id !== OPTION_IDS[i]) problems.push(`option ${i + 1} must have id ${OPTION_IDS[i] ?? '(none: too many)'}`);
    const text = typeof option.text === 'string' ? option.text.trim() : '';
    if (!text) problems.push(`option ${String(option.id)} has no text`);
    else if (texts.has(text)) problems.push(`option ${String(option.id)} repeats another option`);
    texts.add(text);
  });
  const optionIds = new Set(options.map((o) => o.id));

  if (q.type === 'single') {
    if (typeof q.answer !== 'string' || !optionIds.has(q.answer)) {
      problems.push(`answer ${JSON.stringify(q.answer)} is not among the options`);
    }
    return problems;
  }

  if (!Array.isArray(q.answer)) return [...problems, 'multiple-choice answer must be a list of option ids'];
  const answer = q.answer as unknown[];
  if (new Set(answer).size !== answer.length) problems.push('answer repeats an option');
  if (new Set(answer).size < 2) problems.push('multiple choice needs at least 2 correct options');
  for (const a of answer) {
    if (typeof a !== 'string' || !optionIds.has(a)) problems.push(`answer ${JSON.stringify(a)} is not among the options`);
  }
  // Choosing everything would score full marks without knowing anything.
  if (answer.length === options.length) problems.push('every option is correct');
  return problems;
}

function checkNumeric(stem: string, q: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if ('options' in q) problems.push('numeric question must not have options');
  const answer = q.answer as Record<string, unknown> | undefined;
  if (!answer || typeof answer !== 'object') return [...problems, 'numeric answer must be { value, tolerance, unit }'];
  const { value, tolerance, unit } = answer;
  if (typeof value !== 'number' || !Number.isFinite(value)) problems.push('numeric answer has no finite value');
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    problems.push('numeric answer needs a tolerance ≥ 0');
  }
  if (typeof unit !== 'string' || !unit.trim()) problems.push('numeric answer needs a unit');
  if (typeof value === 'number' && new RegExp(`(^|[^0-9.])${String(value).replace('.', '\\.')}($|[^0-9])`).test(stem)) {
    problems.push('stem gives away the answer');
  }
  return problems;
}
