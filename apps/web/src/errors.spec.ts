import { describe, expect, it } from 'vitest';
import { ApiError, describeError, errorFromResponse, messageForStatus, NETWORK_FAILURE_MESSAGE } from './errors.js';

describe('error messages shown to users', () => {
  it('shows the API message and keeps its code and import problems', () => {
    const error = errorFromResponse(422, {
      statusCode: 422,
      code: 'IMPORT_INVALID',
      message: '文件第 3 行缺少户编号',
      problems: [{ row: 3, column: '户编号', message: '不能为空' }],
    });
    expect(error.message).toBe('文件第 3 行缺少户编号');
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.status).toBe(422);
    expect(error.problems).toEqual([{ row: 3, column: '户编号', message: '不能为空' }]);
  });

  it('falls back to a Chinese sentence when a proxy answers with an HTML page', () => {
    const error = errorFromResponse(502, undefined);
    expect(error.message).toBe('服务暂时不可用，请稍后重试');
    expect(error.code).toBe('HTTP_502');
    expect(error.problems).toEqual([]);
  });

  it('falls back to the status when the API body has an empty message', () => {
    expect(errorFromResponse(404, { statusCode: 404, code: 'NOT_FOUND', message: '  ' }).message).toBe('请求的数据不存在（404）');
  });

  it('explains server failures, oversized uploads and unknown statuses', () => {
    expect(messageForStatus(500)).toBe('服务器内部错误（500），请稍后重试或联系管理员');
    expect(messageForStatus(413)).toBe('文件过大，超过服务器允许的上传大小');
    expect(messageForStatus(418)).toBe('请求失败（HTTP 418）');
  });

  it('says the network failed when fetch rejects with a TypeError', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toBe('网络连接失败，请稍后重试');
    expect(messageForStatus(0)).toBe(NETWORK_FAILURE_MESSAGE);
  });

  it('never shows a raw exception text for unexpected errors', () => {
    expect(describeError(new Error('Cannot read properties of undefined'))).toBe('发生未知错误，请刷新页面后重试');
    expect(describeError(new ApiError('导入任务不存在', 404, 'NOT_FOUND'))).toBe('导入任务不存在');
  });
});
