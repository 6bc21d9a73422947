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

/** class-validator's default messages (English), said in Chinese; custom messages pass unchanged. */
const VALIDATOR_MESSAGES: [RegExp, string][] = [
  [/^property (\S+) should not exist$/, '不允许的字段“$1”'],
  [/^(\S+) must be a string$/, '“$1”应为文本'],
  [/^(\S+) must be a number conforming to the specified constraints$/, '“$1”应为数字'],
  [/^(\S+) must be an integer number$/, '“$1”应为整数'],
  [/^(\S+) must be a boolean value$/, '“$1”应为 true 或 false'],
  [/^(\S+) must be an array$/, '“$1”应为数组'],
  [/^(\S+) must be an object$/, '“$1”应为对象'],
  [/^(\S+) must be a UUID$/, '“$1”应为 UUID'],
  [/^(\S+) should not be empty$/, '“$1”不能为空'],
  [/^(\S+) must be one of the following values: (.*)$/, '“$1”应为以下值之一：$2'],
  [/^(\S+) must be longer than or equal to (\d+) characters$/, '“$1”至少 $2 个字符'],
  [/^(\S+) must be shorter than or equal to (\d+) characters$/, '“$1”最多 $2 个字符'],
  [/^(\S+) must not be less than (\S+)$/, '“$1”不能小于 $2'],
  [/^(\S+) must not be greater than (\S+)$/, '“$1”不能大于 $2'],
  [/^(\S+) must contain at least (\d+) elements$/, '“$1”至少要有 $2 项'],
  [/^(\S+) must contain no more than (\d+) elements$/, '“$1”最多 $2 项'],
  [/^(\S+) must be a valid ISO 8601 date string$/, '“$1”应为 ISO 8601 日期'],
  [/^each value in (\S+) must be a string$/, '“$1”的每一项应为文本'],
  [/^nested property (\S+) must be either object or array$/, '“$1”应为对象或数组'],
  [/^an unknown value was passed to the validate function$/, '请求内容应为 JSON 对象'],
];

export function chineseValidationMessage(message: string): string {
  for (const [pattern, chinese] of VALIDATOR_MESSAGES) if (pattern.test(message)) return message.replace(pattern, chinese);
  return message;
}

/** Node socket errors and PostgreSQL SQLSTATEs that mean "the database is away right now". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const UNAVAILABLE_MESSAGES = /Connection terminated|not queryable|Connection ended|timeout exceeded when trying to connect/i;
/** TypeORM releases a transaction's connection when PostgreSQL drops it; the next query then throws this. */
const UNAVAILABLE_NAMES = new Set(['QueryRunnerProviderAlreadyReleasedError', 'QueryRunnerAlreadyReleasedError']);

/** A restart or fail-over of PostgreSQL, not a bug: the client should retry (503), as phones' outboxes do. */
export function databaseUnavailable(error: unknown): boolean {
  let e = error as { name?: unknown; code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

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
    if (body.statusCode === 503) {
      response.setHeader('Retry-After', '5');
      this.logger.warn(`database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    } else if (body.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(body.statusCode).json(body);
  }

  /**
   * body-parser's errors (http-errors with a `type`; Nest wraps them in an HttpException whose
   * cause they are): the request, not the server, is at fault, and the import file's message
   * would be wrong for them.
   */
  private bodyParserError(cause: unknown): ApiErrorBody | null {
    if (typeof cause !== 'object' || cause === null || !('type' in cause)) return null;
    const parser = cause as { type?: unknown; limit?: number };
    switch (parser.type) {
      case 'entity.too.large': {
        const limit = parser.limit ? `${Math.round((parser.limit / 1024 / 1024) * 10) / 10} MB` : '上限';
        return { statusCode: 413, code: ErrorCode.PayloadTooLarge, message: `请求内容过大：上限为 ${limit}（同步记录请分批发送，照片请压缩后上传）` };
      }
      case 'entity.parse.failed':
        return { statusCode: 400, code: ErrorCode.ValidationFailed, message: '请求格式不正确（JSON 无法解析）' };
      case 'charset.unsupported':
      case 'encoding.unsupported':
        return { statusCode: 415, code: ErrorCode.ValidationFailed, message: '请求内容的编码不受支持：请以 UTF-8 编码的 JSON 发送（Content-Type: application/json）' };
      case 'request.aborted':
      case 'request.size.invalid':
        return { statusCode: 400, code: ErrorCode.ValidationFailed, message: '请求不完整（传输中断），请重试' };
      default:
        return null;
    }
  }

  private toBody(error: unknown): ApiErrorBody {
    if (error instanceof DomainError) {
      return { statusCode: STATUS_OF[error.code], code: error.code, message: error.message, ...(error.problems ? { problems: error.problems } : {}) };
    }
    const fromParser = this.bodyParserError(error instanceof HttpException ? error.cause : error);
    if (fromParser) return fromParser;
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status === 413) return this.tooLarge();
      const known = HTTP_MESSAGES[status] ?? { code: status >= 500 ? ErrorCode.Internal : 'HTTP_' + status, message: '请求失败' };
      const raw = error.getResponse();
      const details = typeof raw === 'object' && raw !== null && 'message' in raw ? (raw as { message: unknown }).message : null;
      // ValidationPipe and body-parser details are specific and safe to show.
      const message = Array.isArray(details) ? `${known.message}：${details.map((d) => chineseValidationMessage(String(d))).join('；')}` : typeof details === 'string' && status < 500 ? `${known.message}：${details}` : known.message;
      return { statusCode: status, code: known.code, message };
    }
    const status = (error as { status?: number }).status;
    if (status === 413) return this.tooLarge();
    if (status === 400) return { statusCode: 400, code: ErrorCode.ValidationFailed, message: '请求格式不正确（JSON 无法解析）' };
    if (databaseUnavailable(error)) return { statusCode: 503, code: ErrorCode.Unavailable, message: '数据库暂时不可用（可能正在重启），请稍后重试；手机上未同步的记录会自动重发' };
    return { statusCode: 500, code: ErrorCode.Internal, message: '服务器内部错误，请稍后重试' };
  }
}
