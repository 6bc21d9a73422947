/** Why a route could not be computed; callers map the code to a message or an HTTP status. */
export type RoutingErrorCode =
  /** The cost matrix is not square, or holds a value that is not a finite number. */
  | 'BAD_MATRIX'
  /** An option (start index, stop index, restarts…) is out of range. */
  | 'BAD_OPTION'
  /** A coordinate is not a number or outside the valid latitude/longitude range. */
  | 'BAD_COORDINATE'
  /** The OSRM reply is not a table service answer we can read. */
  | 'BAD_OSRM_RESPONSE'
  /** OSRM found no road between two points (a `null` duration). */
  | 'UNREACHABLE';

export class RoutingError extends Error {
  override readonly name = 'RoutingError';
  constructor(
    readonly code: RoutingErrorCode,
    message: string,
  ) {
    super(message);
  }
}
