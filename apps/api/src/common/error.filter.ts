import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ApiErrorBody } from '@lookback/contracts';
import type { Response } from 'express';
import { DomainError, ErrorCode, STATUS_OF } from './domain-error.js';

const HTTP_MESSAGES: Record<number, { code: string; message: string }> = {
  400: { code: ErrorCode.ValidationFailed, message: '请求格式不正确' },
  401: { code: ErrorCode.Unauthenticated, message: '请先登录' },
  403: { code: ErrorCode.Forbidden, message: '没有权限' },
  404: { code: ErrorCode.NotFound, message: '请求的资源不存在' },
};

/** The one place where errors become HTTP answers. Users never see a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  constructor(private readonly maxUploadBytes: number) {}

  private tooLarge(): ApiErrorBody {
    const mb = Math.round(this.maxUploadBytes / 1024 / 1024);
    return { statusCode: 413, code: ErrorCode.ImportTooLarge, message: `文件过大：上传上限为 ${mb} MB。请拆分文件（例如按乡镇分别导入）后重试` };
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    if (error instanceof DomainError && error.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    if (body.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ApiErrorBody {
    if (error instanceof DomainError) {
      return { statusCode: STATUS_OF[error.code], code: error.code, message: error.message, ...(error.problems ? { problems: error.problems } : {}) };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status === 413) return this.tooLarge();
      const known = HTTP_MESSAGES[status] ?? { code: status >= 500 ? ErrorCode.Internal : 'HTTP_' + status, message: '请求失败' };
      const raw = error.getResponse();
      const details = typeof raw === 'object' && raw !== null && 'message' in raw ? (raw as { message: unknown }).message : null;
      // ValidationPipe and body-parser details are specific and safe to show.
      const message = Array.isArray(details) ? `${known.message}：${details.join('；')}` : typeof details === 'string' && status < 500 ? `${known.message}：${details}` : known.message;
      return { statusCode: status, code: known.code, message };
    }
    const status = (error as { status?: number; type?: string }).status;
    if (status === 413) return this.tooLarge();
    if (status === 400) return { statusCode: 400, code: ErrorCode.ValidationFailed, message: '请求格式不正确（JSON 无法解析）' };
    return { statusCode: 500, code: ErrorCode.Internal, message: '服务器内部错误，请稍后重试' };
  }
}
