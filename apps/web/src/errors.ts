/**
 * Turns every way a request can fail into one readable Chinese sentence, so no screen ever goes blank.
 */
import type { ApiErrorBody, ImportProblem } from '@lookback/contracts';

export const NETWORK_FAILURE_MESSAGE = '网络连接失败，请稍后重试';

/** A failed API call as the UI shows it. `status` is 0 when the server was never reached. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly problems: ImportProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.message === 'string' && typeof body.statusCode === 'number';
}

/** The message for an HTTP status when the server gave no usable error body (proxy pages, HTML, empty bodies). */
export function messageForStatus(status: number): string {
  if (status === 0) return NETWORK_FAILURE_MESSAGE;
  if (status === 400) return '请求的内容有误，请检查后重试';
  if (status === 401) return '尚未登录或登录已过期，请重新登录';
  if (status === 403) return '没有权限执行此操作';
  if (status === 404) return '请求的数据不存在（404）';
  if (status === 408) return '请求超时，请稍后重试';
  if (status === 409) return '数据已被其他操作修改，请刷新后重试';
  if (status === 413) return '文件过大，超过服务器允许的上传大小';
  if (status === 415) return '不支持的文件格式，请上传 CSV 或 XLSX 文件';
  if (status === 429) return '请求过于频繁，请稍后重试';
  if (status === 502 || status === 503 || status === 504) return '服务暂时不可用，请稍后重试';
  if (status >= 500) return `服务器内部错误（${status}），请稍后重试或联系管理员`;
  return `请求失败（HTTP ${status}）`;
}

/**
 * Builds the error for a non-2xx response. The API's own Chinese message wins; anything else
 * (an HTML error page from a proxy, an empty body, a message in English) falls back to the status.
 */
export function errorFromResponse(status: number, body: unknown): ApiError {
  if (isApiErrorBody(body)) {
    const message = body.message.trim() || messageForStatus(status);
    return new ApiError(message, status, body.code || `HTTP_${status}`, Array.isArray(body.problems) ? body.problems : []);
  }
  return new ApiError(messageForStatus(status), status, `HTTP_${status}`);
}

/** Any thrown value -> the sentence to show. Fetch rejects with a TypeError when the network is down. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return NETWORK_FAILURE_MESSAGE;
  if (error instanceof DOMException && error.name === 'AbortError') return '请求已取消';
  return '发生未知错误，请刷新页面后重试';
}
