/** Why a score or a ranking was refused. */
export type ScoringErrorCode = 'INVALID_SCHEME' | 'INVALID_INSPECTION' | 'UNVISITED_STRATUM' | 'INVALID_RANKING_INPUT';

export class ScoringError extends Error {
  override readonly name = 'ScoringError';
  constructor(
    readonly code: ScoringErrorCode,
    message: string,
  ) {
    super(message);
  }
}
