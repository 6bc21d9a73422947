import { Injectable } from '@nestjs/common';
import { BANK_VERSION, type FieldQuestion, gradeQuiz, QUIZ_BANK, type QuizAnswer, type QuizQuestion, type QuizResult, reviewIsOpen, toFieldQuestion, withholdReview } from '@lookback/quiz';
import { AccessLogRepository } from '../access-log/access-log.repository.js';
import type { CurrentUser } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { TeamsService } from '../teams/teams.service.js';
import { QuizRepository } from './quiz.repository.js';

const BANK = new Map(QUIZ_BANK.map((q) => [q.id, q]));

export interface QuizSheetDto {
  cadreNo: string;
  role: string;
  villageCode: string;
  /** The questions without answers or explanations — what is handed to the cadre. */
  questions: FieldQuestion[];
  /** Set once submitted: the graded result; with answers and explanations only once the whole village has answered (see `forTheField`). */
  result: QuizResult | null;
}

/**
 * The on-site quiz (知识测试): the cadre answers on the inspector's phone; the answers are graded
 * on submit and the cadre cannot answer again. Answers never leave the server before grading, and
 * a graded result goes to the phone without its review (answers, explanations, right/wrong) while
 * another cadre of the same village — whose questions overlap — has not answered and the day is
 * not signed off.
 */
@Injectable()
export class QuizService {
  constructor(
    private readonly teams: TeamsService,
    private readonly quizzes: QuizRepository,
    private readonly accessLog: AccessLogRepository,
  ) {}

  async sheet(user: CurrentUser, planId: string, date: string, cadreNo: string): Promise<QuizSheetDto> {
    const found = await this.taker(user, planId, date, cadreNo);
    const { taker, villageCode } = found;
    const stored = await this.quizzes.find(found.plan.id, cadreNo);
    return { cadreNo, role: taker.role, villageCode, questions: this.questions(taker.questionIds).map(toFieldQuestion), result: stored ? await this.forTheField(found, stored.result) : null };
  }

  async submit(user: CurrentUser, address: string, planId: string, date: string, cadreNo: string, clientId: string, answers: Record<string, QuizAnswer>): Promise<QuizResult> {
    const found = await this.taker(user, planId, date, cadreNo);
    const { plan, taker, villageCode } = found;
    const questions = this.questions(taker.questionIds);
    const result = gradeQuiz(questions, answers);
    const stored = await this.quizzes.insertOnce({ planId: plan.id, cadreNo, villageCode, clientId, questionIds: taker.questionIds, answers, result, bankVersion: BANK_VERSION, userId: user.id });
    if (!stored) {
      const existing = (await this.quizzes.find(plan.id, cadreNo))!;
      // The same submission sent again (a retry after a lost answer) gets the stored result.
      if (existing.clientId === clientId) return this.forTheField(found, existing.result);
      throw new DomainError(ErrorCode.Conflict, '该干部已经提交过答卷，不能重新作答');
    }
    await this.accessLog.append(user, 'quiz', 'plan-quiz', `${plan.id}/${cadreNo}`, address, { percent: result.percent });
    return this.forTheField(found, result);
  }

  /** The result as the phone may hold it: only the score while the village's review is not open. */
  private async forTheField(found: { plan: { id: string }; signedOff: boolean; villageCode: string; villageTakers: string[] }, result: QuizResult): Promise<QuizResult> {
    const submitted = found.signedOff ? [] : await this.quizzes.submittedIn(found.plan.id, found.villageCode);
    return reviewIsOpen(found.villageTakers, submitted, found.signedOff) ? result : withholdReview(result);
  }

  private questions(ids: readonly string[]): QuizQuestion[] {
    return ids.map((id) => {
      const question = BANK.get(id);
      if (!question) throw new DomainError(ErrorCode.Conflict, `题库中没有题目 ${id}（题库版本已变化）`);
      return question;
    });
  }

  private async taker(user: CurrentUser, planId: string, date: string, cadreNo: string) {
    const { plan, villageCodes, signedOff } = await this.teams.openDay(user, planId, date);
    for (const village of plan.drawRecord.villages) {
      if (!villageCodes.includes(village.villageCode)) continue;
      const taker = village.quiz.find((q) => q.cadreNo === cadreNo);
      if (taker) return { plan, taker, villageCode: village.villageCode, signedOff, villageTakers: village.quiz.map((q) => q.cadreNo) };
    }
    throw new DomainError(ErrorCode.NotFound, '今天的走访中没有这位测试对象');
  }
}
