import { useState, type FormEvent } from 'react';
import type { SessionUserDto } from '@lookback/contracts';
import { api } from '../api.js';
import { ApiError, describeError } from '../errors.js';

const MIN_PASSWORD = 10;

/** Name and role of whoever is signed in, with 修改密码 and 退出. */
export function UserMenu({ user, onSignedOut }: { user: SessionUserDto; onSignedOut: () => void }) {
  const [changing, setChanging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const logout = async () => {
    setBusy(true);
    try {
      await api.logout();
    } catch (e) {
      // A session that is already gone (401) is signed out all the same; anything else is worth saying.
      if (!(e instanceof ApiError && e.status === 401)) {
        setError(describeError(e));
        setBusy(false);
        return;
      }
    }
    onSignedOut();
  };

  return (
    <div className="user-menu" data-testid="user-menu">
      <div className="user-who">
        <span className="user-name" data-testid="user-name">
          {user.displayName}
        </span>
        <span className="user-role" data-testid="user-role">
          {user.roleLabel}
        </span>
      </div>
      <div className="user-actions">
        <button type="button" className="link-button" data-testid="change-password" onClick={() => setChanging(true)}>
          修改密码
        </button>
        <button type="button" className="link-button" data-testid="logout" onClick={() => void logout()} disabled={busy}>
          退出
        </button>
      </div>
      {error && <span className="user-error">{error}</span>}
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </div>
  );
}

function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next.length < MIN_PASSWORD) return setError(`新密码至少 ${MIN_PASSWORD} 个字符`);
    if (next !== repeat) return setError('两次输入的新密码不一致');
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(current, next);
      setDone(true);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="overlay" role="presentation">
      <form className="dialog" role="dialog" aria-modal="true" aria-label="修改密码" data-testid="change-password-dialog" onSubmit={(e) => void submit(e)}>
        <h3>修改密码</h3>
        {done ? (
          <>
            <p className="result success" data-testid="change-password-done">
              密码已修改。您在其他设备上的登录已失效。
            </p>
            <div className="actions">
              <button type="button" className="button primary" onClick={onClose}>
                完成
              </button>
            </div>
          </>
        ) : (
          <>
            <label className="field">
              当前密码
              <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="current-password" />
            </label>
            <label className="field">
              新密码（至少 {MIN_PASSWORD} 个字符）
              <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="new-password" />
            </label>
            <label className="field">
              再次输入新密码
              <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} data-testid="repeat-password" />
            </label>
            {error && (
              <div className="error-box" role="alert" data-testid="change-password-error">
                {error}
              </div>
            )}
            <div className="actions">
              <button type="button" className="button secondary" onClick={onClose} disabled={busy}>
                取消
              </button>
              <button type="submit" className="button primary" disabled={busy} data-testid="change-password-submit">
                {busy ? '正在保存…' : '保存'}
              </button>
            </div>
          </>
        )}
      </form>
    </div>
  );
}
