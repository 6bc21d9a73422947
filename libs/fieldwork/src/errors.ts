/** Why a fieldwork operation was refused (as opposed to validation, which lists problems). */
export type FieldworkErrorCode = 'MERGE_IDENTITY_MISMATCH';

export class FieldworkError extends Error {
  override readonly name = 'FieldworkError';
  constructor(
    readonly code: FieldworkErrorCode,
    message: string,
  ) {
    super(message);
  }
}
