import { useEffect, useRef, type ReactNode } from 'react';

/**
 * An in-page confirmation (not window.confirm): it can say what becomes final, works the same on
 * phones, and the busy state keeps a slow request from being sent twice.
 */
export function ConfirmPanel({
  title,
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div className="overlay" role="presentation" onClick={busy ? undefined : onCancel}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} data-testid="confirm-dialog" onClick={(e) => e.stopPropagation()}>
        <h3>{title}</h3>
        <div className="dialog-body">{children}</div>
        <div className="actions">
          <button type="button" className="button secondary" onClick={onCancel} disabled={busy} data-testid="confirm-cancel">
            取消
          </button>
          <button ref={confirmRef} type="button" className="button primary" onClick={onConfirm} disabled={busy} data-testid="confirm-ok">
            {busy ? '正在处理…' : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
