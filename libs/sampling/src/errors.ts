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
  /** The same, in Chinese for the planner (the message stays English for the CLI and logs). */
  readonly zh: string;
  constructor(
    readonly code: SamplingErrorCode,
    message: string,
    zh?: string,
  ) {
    super(message);
    this.zh = zh ?? message;
  }
}
