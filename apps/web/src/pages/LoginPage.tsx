import { useState, type FormEvent } from 'react';
import type { SessionUserDto } from '@lookback/contracts';
import { api } from '../api.js';
import { describeError } from '../errors.js';

/** 登录 — large fields for phones; the API's own message (wrong password, locked for N minutes, disabled) is shown as is. */
export function LoginPage({ notice, onSignedIn }: { notice: string | null; onSignedIn: (user: SessionUserDto) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('请输入用户名和密码');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.login(username.trim(), password);
      // The cookie is what later calls carry: asking who we are proves it was accepted.
      const user = await api.me();
      onSignedIn(user);
    } catch (e) {
      setError(describeError(e));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <div className="login-screen" data-testid="page-login">
      <form className="login-card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="login-brand">
          <span className="brand-mark">回头看</span>
          <span className="login-brand-sub">巩固拓展脱贫攻坚成果督查抽查</span>
        </div>
        <h1>登录</h1>
        {notice && !error && (
          <p className="notice" role="status" data-testid="login-notice">
            {notice}
          </p>
        )}
        <label className="field">
          用户名
          <input
            data-testid="login-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            disabled={busy}
            autoFocus
          />
        </label>
        <label className="field">
          密码
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={busy}
          />
        </label>
        {error && (
          <div className="error-box" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <button type="submit" className="button primary block" data-testid="login-submit" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
        <p className="muted small">忘记密码请联系系统管理员重置。</p>
      </form>
    </div>
  );
}
