import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { QuizResult } from '@lookback/quiz';
import { ClientAddress, User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { SubmitQuizDto } from './dto.js';
import { type QuizSheetDto, QuizService } from './quiz.service.js';

@ApiTags('field work')
@Controller('my/days/:planId/:date')
export class FieldworkController {
  constructor(private readonly quiz: QuizService) {}

  @Get('quiz/:cadreNo')
  @ApiOperation({ summary: "A quiz taker's questions (no answers), or the graded result once submitted" })
  sheet(@User() user: CurrentUser, @Param('planId') planId: string, @Param('date') date: string, @Param('cadreNo') cadreNo: string): Promise<QuizSheetDto> {
    return this.quiz.sheet(user, planId, date, cadreNo);
  }

  @Post('quiz/:cadreNo')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the answers: graded at once, final (a resend with the same clientId answers the same result)' })
  submit(@User() user: CurrentUser, @ClientAddress() address: string, @Param('planId') planId: string, @Param('date') date: string, @Param('cadreNo') cadreNo: string, @Body() body: SubmitQuizDto): Promise<QuizResult> {
    return this.quiz.submit(user, address, planId, date, cadreNo, body.clientId, body.answers);
  }
}
