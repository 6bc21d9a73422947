import { useEffect, useState } from 'react';
import { ApiError, describeError } from '../errors.js';

export type AsyncState<T> =
  | { status: 'loading' }
  /** httpStatus 0: no answer from the server (or not an HTTP failure). */
  | { status: 'error'; message: string; httpStatus: number }
  | { status: 'ready'; data: T };

/**
 * Runs a request whenever its dependencies change; an older answer arriving late is discarded
 * (aborted), so a fast typist never sees the results of an earlier search.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): [AsyncState<T>, () => void] {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: describeError(error), httpStatus: error instanceof ApiError ? error.status : 0 });
      },
    );
    return () => controller.abort();
    // The caller lists what its loader depends on.
  }, [...deps, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
