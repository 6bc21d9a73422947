import type { ImportProblem } from '@lookback/contracts';

/** Stable error codes; the filter maps each to an HTTP status. */
export enum ErrorCode {
  NotFound = 'NOT_FOUND',
  ValidationFailed = 'VALIDATION_FAILED',
  ImportInvalid = 'IMPORT_INVALID',
  ImportTooLarge = 'IMPORT_TOO_LARGE',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  ImportBusy = 'IMPORT_BUSY',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  AccountDisabled = 'ACCOUNT_DISABLED',
  Internal = 'INTERNAL',
  Unavailable = 'SERVICE_UNAVAILABLE',
}

export const STATUS_OF: Record<ErrorCode, number> = {
  [ErrorCode.NotFound]: 404,
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.ImportInvalid]: 422,
  [ErrorCode.ImportTooLarge]: 413,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.ImportBusy]: 409,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.TooManyAttempts]: 429,
  [ErrorCode.AccountDisabled]: 403,
  [ErrorCode.Internal]: 500,
  [ErrorCode.Unavailable]: 503,
};

/** An error a user can act on; its message is shown as is (Simplified Chinese). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: ImportProblem[],
    /** For 429: when the caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError(ErrorCode.NotFound, `${what}不存在`);
