import type { ReactNode } from 'react';
import type { AsyncState } from './useAsync.js';

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {text}
    </div>
  );
}

export function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="error-box" role="alert" data-testid="error-message">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

/** Renders loading, error (with retry) or the data. */
export function Async<T>({ state, retry, children }: { state: AsyncState<T>; retry?: () => void; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading />;
  // Asking again will not change a refusal (403) or a missing record (404).
  if (state.status === 'error') return <ErrorBox message={state.message} onRetry={isFinalRefusal(state.httpStatus) ? undefined : retry} />;
  return <>{children(state.data)}</>;
}

export function isFinalRefusal(httpStatus: number): boolean {
  return httpStatus === 403 || httpStatus === 404;
}
