import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { Async } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { accessActionLabel, ACCESS_TARGET_LABELS, accessTargetLabel, formatDateTime } from '../format.js';
import { hrefFor, navigate } from '../router.js';
import { ROLE_LABELS } from '../session.js';

const LIMIT = 200;

/** 访问日志 — who read what, when and from where (append-only on the server). */
export function AccessLogPage({ targetType, targetId }: { targetType: string | null; targetId: string | null }) {
  const [entries, retry] = useAsync(
    (signal) => api.accessLog({ limit: LIMIT, targetType: targetType ?? undefined, targetId: targetId ?? undefined }, signal),
    [targetType, targetId],
  );
  const [type, setType] = useState(targetType ?? '');
  const [id, setId] = useState(targetId ?? '');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(hrefFor({ name: 'access-log', targetType: type || null, targetId: id.trim() || null }));
  };
  return (
    <section className="page" data-testid="page-access-log">
      <h1>访问日志</h1>
      <form className="filters" onSubmit={apply}>
        <label className="field">
          对象类型
          <select data-testid="access-log-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">全部</option>
            {Object.entries(ACCESS_TARGET_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          对象编号
          <input data-testid="access-log-target" value={id} placeholder="方案编号、村代码…" onChange={(e) => setId(e.target.value)} />
        </label>
        <button type="submit" className="button secondary align-end">
          筛选
        </button>
      </form>
      <Async state={entries} retry={retry}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">没有符合条件的记录。</p>
          ) : (
            <>
              <p className="muted small">显示最近 {list.length} 条{list.length >= LIMIT ? `（最多 ${LIMIT} 条）` : ''}。</p>
              <div className="table-wrap">
                <table className="table compact" data-testid="access-log-table">
                  <thead>
                    <tr>
                      <th>时间</th>
                      <th>用户</th>
                      <th>角色</th>
                      <th>操作</th>
                      <th>对象</th>
                      <th>地址</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((entry) => (
                      <tr key={entry.id} data-testid="access-log-row">
                        <td className="nowrap">{formatDateTime(entry.at)}</td>
                        <td>{entry.username}</td>
                        <td>{ROLE_LABELS[entry.role as keyof typeof ROLE_LABELS] ?? entry.role}</td>
                        <td>{accessActionLabel(entry.action)}</td>
                        <td>
                          {accessTargetLabel(entry.targetType)}
                          {entry.targetId && (
                            <>
                              {' '}
                              <code className="small" title={entry.targetId}>
                                {entry.targetId}
                              </code>
                            </>
                          )}
                          {entry.redacted && <span className="muted small">（具体对象仅全县督查组长可见）</span>}
                        </td>
                        <td>
                          <code className="small">{entry.address ?? '—'}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </Async>
    </section>
  );
}
