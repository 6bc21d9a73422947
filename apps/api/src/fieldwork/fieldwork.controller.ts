import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { QuizResult } from '@lookback/quiz';
import { ClientAddress, User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import type { PhotoMeta } from '@lookback/fieldwork';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { ReopenDto, SignOffDto, SubmitQuizDto, SyncDto } from './dto.js';
import { type FieldPacketDto, type FieldProgressDto, FieldworkService, type SyncResultDto } from './fieldwork.service.js';
import { type QuizSheetDto, QuizService } from './quiz.service.js';

@ApiTags('field work')
@Controller()
export class FieldworkController {
  constructor(
    private readonly quiz: QuizService,
    private readonly field: FieldworkService,
  ) {}

  @Get('my/days/:planId/:date/packet')
  @ApiOperation({ summary: 'Everything for the day offline: route, checklists, draw with reserves, quiz sets without answers, what is already stored' })
  packet(@User() user: CurrentUser, @ClientAddress() address: string, @Param('planId') planId: string, @Param('date') date: string): Promise<FieldPacketDto> {
    return this.field.packet(user, address, planId, date);
  }

  @Post('my/days/:planId/:date/sync')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send what the phone recorded: stored once per clientId, merged without dropping answers' })
  sync(@User() user: CurrentUser, @Param('planId') planId: string, @Param('date') date: string, @Body() body: SyncDto): Promise<SyncResultDto> {
    return this.field.sync(user, planId, date, body.deviceId, { records: body.records, substitutions: body.substitutions });
  }

  @Put('my/days/:planId/:date/photos/:clientId')
  @ApiOperation({ summary: 'Upload a photo (raw JPEG/PNG/WebP body; metadata JSON in the X-Photo-Meta header); stored once' })
  photo(
    @User() user: CurrentUser,
    @Param('planId') planId: string,
    @Param('date') date: string,
    @Param('clientId') clientId: string,
    @Headers('content-type') contentType: string | undefined,
    @Headers('x-photo-meta') metaHeader: string | undefined,
    @Req() req: Request,
  ): Promise<{ stored: boolean; sha256: string }> {
    if (!Buffer.isBuffer(req.body)) throw new DomainError(ErrorCode.ValidationFailed, '请以 image/jpeg、image/png 或 image/webp 上传照片内容');
    let meta: PhotoMeta;
    try {
      meta = JSON.parse(decodeURIComponent(metaHeader ?? '')) as PhotoMeta;
    } catch {
      throw new DomainError(ErrorCode.ValidationFailed, '缺少照片信息（X-Photo-Meta 请求头，URL 编码的 JSON）');
    }
    return this.field.photo(user, planId, date, clientId, contentType ?? 'application/octet-stream', req.body, meta);
  }

  @Post('my/days/:planId/:date/sign-off')
  @HttpCode(204)
  @ApiOperation({ summary: "The team leader signs the day off (typed names); afterwards nothing changes without a logged reopen" })
  signOff(@User() user: CurrentUser, @ClientAddress() address: string, @Param('planId') planId: string, @Param('date') date: string, @Body() body: SignOffDto): Promise<void> {
    return this.field.signOff(user, address, planId, date, body.names);
  }

  @Post('my/days/:planId/:date/reopen')
  @HttpCode(204)
  @ApiOperation({ summary: 'Open a signed-off day again, with a reason (logged)' })
  reopen(@User() user: CurrentUser, @ClientAddress() address: string, @Param('planId') planId: string, @Param('date') date: string, @Body() body: ReopenDto): Promise<void> {
    return this.field.reopen(user, address, planId, date, body.reason);
  }

  @Get('plans/:id/fieldwork')
  @ApiOperation({ summary: 'Field progress of a plan: villages, substitutions, conflicts, position flags, sign-offs' })
  progress(@User() user: CurrentUser, @Param('id') id: string): Promise<FieldProgressDto> {
    return this.field.progress(user, id);
  }

  @Get('my/days/:planId/:date/quiz/:cadreNo')
  @ApiOperation({ summary: "A quiz taker's questions (no answers), or the graded result once submitted" })
  sheet(@User() user: CurrentUser, @Param('planId') planId: string, @Param('date') date: string, @Param('cadreNo') cadreNo: string): Promise<QuizSheetDto> {
    return this.quiz.sheet(user, planId, date, cadreNo);
  }

  @Post('my/days/:planId/:date/quiz/:cadreNo')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the answers: graded at once, final (a resend with the same clientId answers the same result)' })
  submit(@User() user: CurrentUser, @ClientAddress() address: string, @Param('planId') planId: string, @Param('date') date: string, @Param('cadreNo') cadreNo: string, @Body() body: SubmitQuizDto): Promise<QuizResult> {
    return this.quiz.submit(user, address, planId, date, cadreNo, body.clientId, body.answers);
  }
}
