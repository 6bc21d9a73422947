import { useState, type FormEvent } from 'react';
import { ROLES, type Role, type SessionUserDto, type TownDto, type UserDto } from '@lookback/contracts';
import { api } from '../api.js';
import { Async, ErrorBox } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { describeError } from '../errors.js';
import { formatDateTime } from '../format.js';
import { ROLE_LABELS } from '../session.js';

async function loadUsersAndTowns(signal: AbortSignal): Promise<{ users: UserDto[]; towns: TownDto[] }> {
  const [users, towns] = await Promise.all([api.users(signal), api.towns(signal)]);
  return { users, towns };
}

/** 用户管理 (admin): accounts, roles, town scope, disable/enable and password resets. */
export function UsersPage({ self }: { self: SessionUserDto }) {
  const [data, retry] = useAsync((signal) => loadUsersAndTowns(signal), []);
  return (
    <section className="page" data-testid="page-users">
      <h1>用户管理</h1>
      <Async state={data} retry={retry}>
        {({ users, towns }) => <UsersView initial={users} towns={towns} self={self} />}
      </Async>
    </section>
  );
}

function scopeText(scope: string[] | null, towns: TownDto[]): string {
  if (scope === null) return '全县';
  if (scope.length === 0) return '无';
  const names = new Map(towns.map((t) => [t.code, t.name]));
  return scope.map((code) => names.get(code) ?? code).join('、');
}

function UsersView({ initial, towns, self }: { initial: UserDto[]; towns: TownDto[]; self: SessionUserDto }) {
  const [users, setUsers] = useState(initial);
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [rowError, setRowError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const replace = (user: UserDto) => setUsers((list) => list.map((u) => (u.username === user.username ? user : u)));

  const toggleDisabled = async (user: UserDto) => {
    setBusy(user.username);
    setRowError(null);
    try {
      replace(await api.updateUser(user.username, { disabled: !user.disabled }));
    } catch (e) {
      setRowError(`${user.username}：${describeError(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div className="page-head">
        <span className="muted">共 {users.length} 个账号</span>
        {!creating && (
          <button type="button" className="button primary" data-testid="new-user" onClick={() => setCreating(true)}>
            新建用户
          </button>
        )}
      </div>
      {creating && (
        <UserEditor
          towns={towns}
          onCancel={() => setCreating(false)}
          onSaved={(user) => {
            setUsers((list) => [...list, user]);
            setCreating(false);
          }}
        />
      )}
      {rowError && <ErrorBox message={rowError} />}
      <div className="table-wrap">
        <table className="table" data-testid="users-table">
          <thead>
            <tr>
              <th>用户名</th>
              <th>姓名</th>
              <th>角色</th>
              <th>负责范围</th>
              <th>状态</th>
              <th>创建时间</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow
                key={user.username}
                user={user}
                towns={towns}
                isSelf={user.username === self.username}
                editing={editing === user.username}
                busy={busy === user.username}
                onEdit={() => setEditing(editing === user.username ? null : user.username)}
                onToggle={() => void toggleDisabled(user)}
                onSaved={(saved) => {
                  replace(saved);
                  setEditing(null);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function UserRow(props: {
  user: UserDto;
  towns: TownDto[];
  isSelf: boolean;
  editing: boolean;
  busy: boolean;
  onEdit: () => void;
  onToggle: () => void;
  onSaved: (user: UserDto) => void;
}) {
  const { user, towns } = props;
  return (
    <>
      <tr data-testid="user-row" data-username={user.username}>
        <td>
          <code>{user.username}</code>
        </td>
        <td>{user.displayName}</td>
        <td>{user.roleLabel || ROLE_LABELS[user.role]}</td>
        <td>{scopeText(user.scopeTowns, towns)}</td>
        <td>
          <span className={user.disabled ? 'badge bad' : 'badge ok'} data-testid="user-status">
            {user.disabled ? '已停用' : '正常'}
          </span>
        </td>
        <td>{formatDateTime(user.createdAt)}</td>
        <td className="row-actions">
          <button type="button" className="link-button" data-testid="user-edit" onClick={props.onEdit}>
            {props.editing ? '收起' : '修改'}
          </button>
          {!props.isSelf && (
            <button type="button" className="link-button" data-testid="user-toggle" disabled={props.busy} onClick={props.onToggle}>
              {user.disabled ? '启用' : '停用'}
            </button>
          )}
        </td>
      </tr>
      {props.editing && (
        <tr className="editor-row">
          <td colSpan={7}>
            <UserEditor towns={towns} user={user} onCancel={props.onEdit} onSaved={props.onSaved} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Creates an account (no `user`) or changes one: name, role, scope and, optionally, a new password. */
function UserEditor({ towns, user, onCancel, onSaved }: { towns: TownDto[]; user?: UserDto; onCancel: () => void; onSaved: (user: UserDto) => void }) {
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'inspector');
  const [wholeCounty, setWholeCounty] = useState(user ? user.scopeTowns === null : true);
  const [scope, setScope] = useState<string[]>(user?.scopeTowns ?? []);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const scopeTowns = wholeCounty ? null : scope;
    if (!wholeCounty && scope.length === 0) return setError('请至少选择一个乡镇，或勾选“全县”');
    if ((!user || password) && password.length < 10) return setError('密码至少 10 个字符');
    setBusy(true);
    setError(null);
    try {
      const saved = user
        ? await api.updateUser(user.username, { displayName: displayName.trim(), role, scopeTowns, ...(password ? { password } : {}) })
        : await api.createUser({ username: username.trim(), displayName: displayName.trim(), role, scopeTowns, password });
      onSaved(saved);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <form className="editor" data-testid={user ? 'user-editor' : 'user-create-form'} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{user ? `修改 ${user.username}` : '新建用户'}</h3>
      <fieldset className="fieldset" disabled={busy}>
        <div className="filters">
          {!user && (
            <label className="field">
              用户名
              <input data-testid="user-username" value={username} autoCapitalize="none" autoComplete="off" spellCheck={false} placeholder="小写字母、数字" onChange={(e) => setUsername(e.target.value)} />
            </label>
          )}
          <label className="field">
            姓名
            <input data-testid="user-display-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </label>
          <label className="field">
            角色
            <select data-testid="user-role-select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {user ? '重置密码（留空不改）' : '初始密码（至少 10 个字符）'}
            <input data-testid="user-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
        </div>
        <div className="scope">
          <label className="check">
            <input type="checkbox" data-testid="user-whole-county" checked={wholeCounty} onChange={(e) => setWholeCounty(e.target.checked)} />
            全县
          </label>
          {!wholeCounty && (
            <div className="checks">
              {towns.map((t) => (
                <label key={t.code} className="check">
                  <input
                    type="checkbox"
                    checked={scope.includes(t.code)}
                    onChange={(e) => setScope((s) => (e.target.checked ? [...s, t.code].sort() : s.filter((c) => c !== t.code)))}
                  />
                  {t.name}
                </label>
              ))}
            </div>
          )}
        </div>
      </fieldset>
      {error && (
        <div className="error-box" role="alert" data-testid="user-error">
          {error}
        </div>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel} disabled={busy}>
          取消
        </button>
        <button type="submit" className="button primary" data-testid="user-save" disabled={busy}>
          {busy ? '正在保存…' : '保存'}
        </button>
      </div>
    </form>
  );
}
