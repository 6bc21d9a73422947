import { describe, expect, it } from 'vitest';
import { gradeQuiz } from './grade-quiz.js';
import { MULTIPLE } from './quiz.fixture.js';

// MULTIPLE: correct options A, C, D out of A–E.
const grade = (given: unknown) => gradeQuiz([MULTIPLE], { [MULTIPLE.id]: given as never }).items[0];

describe('grading multiple choice', () => {
  it('gives full credit and marks correct only for exactly the correct set, in any order', () => {
    expect(grade(['D', 'A', 'C'])).toMatchObject({ correct: true, score: 1 });
  });

  it('gives the share of correct options chosen when no wrong option is chosen', () => {
    expect(grade(['A', 'C'])).toMatchObject({ correct: false, score: 2 / 3 });
    expect(grade(['D'])).toMatchObject({ correct: false, score: 1 / 3 });
  });

  it('gives nothing as soon as one wrong option is chosen', () => {
    expect(grade(['A', 'C', 'D', 'B'])).toMatchObject({ correct: false, score: 0 });
    expect(grade(['A', 'E'])).toMatchObject({ correct: false, score: 0 });
    expect(grade(['A', 'Z'])).toMatchObject({ correct: false, score: 0 });
  });

  it('counts a repeated option once', () => {
    expect(grade(['A', 'A', 'A'])).toMatchObject({ score: 1 / 3 });
  });

  it('gives nothing for an answer that is not a list', () => {
    expect(grade('A')).toMatchObject({ correct: false, score: 0 });
  });
});
