import type { DayRouteDto } from '@lookback/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { Async, ErrorBox } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { ApiError } from '../errors.js';
import { formatDateTime } from '../format.js';
import { formatDistance } from '../route/route-progress.js';
import { routeSheet } from '../route/route-sheet.js';
import { hrefFor, type Route } from '../router.js';

/** A planner's team-day from the plan's routes, or the inspector's own day. */
async function loadRoute(planId: string, date: string, teamId: string | null, signal: AbortSignal): Promise<DayRouteDto> {
  if (!teamId) return api.myDay(planId, date, signal);
  const found = (await api.routes(planId, signal)).find((r) => r.team.id === teamId && r.visitDate === date);
  if (!found) throw new ApiError('该督查组在这一天没有走访安排', 404, 'NOT_FOUND');
  return found;
}

/** 路线单 — A4, printed from the browser (打印 → 另存为 PDF). No navigation around it. */
export function RouteSheetPage({ planId, date, teamId }: { planId: string; date: string; teamId: string | null }) {
  const [route, retry] = useAsync((signal) => loadRoute(planId, date, teamId, signal), [planId, date, teamId]);
  const back: Route = teamId ? { name: 'plan', id: planId } : { name: 'my-day', planId, date };
  return (
    <div className="sheet-screen" data-testid="page-route-sheet">
      <div className="sheet-toolbar no-print">
        <a className="button secondary" href={hrefFor(back)}>
          ← 返回
        </a>
        <button type="button" className="button primary" data-testid="sheet-print" onClick={() => window.print()} disabled={route.status !== 'ready'}>
          打印 / 存为 PDF
        </button>
      </div>
      <Async state={route} retry={retry}>
        {(data) => <Sheet route={data} />}
      </Async>
    </div>
  );
}

function Sheet({ route }: { route: DayRouteDto }) {
  const sheet = routeSheet(route);
  const [qr, setQr] = useState<string | null>(null);
  const [qrError, setQrError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    // Loaded with the sheet only: nobody else needs a QR encoder.
    import('qrcode')
      .then(({ toDataURL }) => toDataURL(sheet.commitment, { errorCorrectionLevel: 'M', margin: 1, width: 220 }))
      .then(
        (url) => !cancelled && setQr(url),
        () => !cancelled && setQrError('二维码生成失败，请核对下方承诺值'),
      );
    return () => {
      cancelled = true;
    };
  }, [sheet.commitment]);

  return (
    <article className="sheet" data-testid="route-sheet">
      <header className="sheet-head">
        <div>
          <div className="sheet-kicker">回头看 · 四不两直督查</div>
          <h1>督查路线单</h1>
          <dl className="sheet-facts">
            <dt>方案</dt>
            <dd>{sheet.planName}</dd>
            <dt>督查组</dt>
            <dd data-testid="sheet-team">{sheet.teamName}</dd>
            <dt>组员</dt>
            <dd>{sheet.members || '—'}</dd>
            <dt>走访日</dt>
            <dd data-testid="sheet-date">{sheet.visitDate}</dd>
            <dt>出发点</dt>
            <dd>{sheet.startLabel}</dd>
            <dt>路程</dt>
            <dd>
              {sheet.villages.length} 个村 · {sheet.households} 户 · 全程约 {formatDistance(sheet.totalMeters)}（直线，往返）
            </dd>
          </dl>
        </div>
        <figure className="sheet-qr" data-testid="sheet-qr">
          {qr ? <img src={qr} alt="方案承诺值二维码" width={150} height={150} data-testid="sheet-qr-image" /> : qrError ? <ErrorBox message={qrError} /> : <span className="muted small">正在生成二维码…</span>}
          <figcaption>
            方案承诺值（SHA-256）
            <code className="hash" data-testid="sheet-commitment">
              {sheet.commitment}
            </code>
          </figcaption>
        </figure>
      </header>

      {sheet.villages.map((village) => (
        <section key={village.code} className="sheet-village" data-testid="sheet-village">
          <h2>
            {village.seq}. {village.name} <span className="small">（{village.townName} · 村代码 {village.code} · 距上一处 {formatDistance(village.legMeters)}）</span>
          </h2>
          {village.stops.length === 0 ? (
            <p className="small">本村无抽中农户、项目或资产。</p>
          ) : (
            <table className="sheet-table">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>类别</th>
                  <th>编号</th>
                  <th>户主 / 名称</th>
                  <th>说明</th>
                  <th className="sheet-check">完成</th>
                </tr>
              </thead>
              <tbody>
                {village.stops.map((stop) => (
                  <tr key={stop.no} data-testid="sheet-stop">
                    <td>{stop.no}</td>
                    <td>{stop.kind}</td>
                    <td>
                      <code>{stop.code}</code>
                    </td>
                    <td data-testid="sheet-stop-label">{stop.label}</td>
                    <td>
                      {stop.detail}
                      {stop.approximate && '（无坐标）'}
                    </td>
                    <td className="sheet-check">□</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}

      <footer className="sheet-foot small">
        户主姓名已脱敏。扫码或核对承诺值，可确认本路线单出自已封存的方案。打印时间 {formatDateTime(new Date().toISOString())}
      </footer>
    </article>
  );
}
