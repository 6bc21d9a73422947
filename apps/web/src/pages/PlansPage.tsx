import type { SessionUserDto } from '@lookback/contracts';
import { api } from '../api.js';
import { Async } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { VerifyFilesForm } from '../components/VerifyPanel.js';
import { formatCount, formatDateTime, shortHash } from '../format.js';
import { PLAN_STATUS_LABELS } from '../plans.js';
import { hrefFor, navigate } from '../router.js';
import { mayManagePlans } from '../session.js';

export function PlansPage({ user }: { user: SessionUserDto }) {
  const [plans, retry] = useAsync((signal) => api.plans(signal), []);
  const manages = mayManagePlans(user.role);
  return (
    <section className="page" data-testid="page-plans">
      <div className="page-head">
        <h1>督查方案</h1>
        {manages && (
          <a className="button primary" href={hrefFor({ name: 'plan-new' })} data-testid="new-plan">
            新建方案
          </a>
        )}
      </div>
      {!manages && <p className="muted">此处列出已完成的督查方案。</p>}
      <Async state={plans} retry={retry}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted" data-testid="plans-empty">
              {manages ? '还没有督查方案。点击“新建方案”选村并抽样。' : '暂无已完成的督查方案。'}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table clickable" data-testid="plans-table">
                <thead>
                  <tr>
                    <th>方案名称</th>
                    <th>状态</th>
                    <th className="num">抽查村</th>
                    <th className="num">抽查户</th>
                    <th>创建时间</th>
                    <th>承诺值</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((plan) => {
                    const href = hrefFor({ name: 'plan', id: plan.id });
                    return (
                      <tr key={plan.id} data-testid="plan-row" onClick={() => navigate(href)}>
                        <td className="wrap">
                          <a href={href}>{plan.name}</a>
                        </td>
                        <td>
                          <span className={`badge status-${plan.status}`}>{PLAN_STATUS_LABELS[plan.status]}</span>
                        </td>
                        <td className="num">{formatCount(plan.villageCodes.length)}</td>
                        <td className="num">{formatCount(plan.households)}</td>
                        <td>{formatDateTime(plan.createdAt)}</td>
                        <td>
                          <code title={plan.commitment}>{shortHash(plan.commitment)}</code>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
      <h2>用本地文件复核抽样</h2>
      <p className="muted">已有某方案的抽样记录（JSON）和农户名单（CSV/XLSX）？在此选择两个文件，浏览器会用同一套抽样算法重新计算，不上传任何数据。</p>
      <VerifyFilesForm />
    </section>
  );
}
