/** Why a draw, a verification or an estimate was refused. */
export type SamplingErrorCode =
  | 'INVALID_SEED'
  | 'INVALID_SETTINGS'
  | 'INVALID_ROSTER'
  | 'UNKNOWN_MUST_VISIT'
  | 'INVALID_DRAW_RECORD'
  | 'INVALID_FINDINGS';

export class SamplingError extends Error {
  override readonly name = 'SamplingError';
  constructor(
    readonly code: SamplingErrorCode,
    message: string,
  ) {
    super(message);
  }
}
