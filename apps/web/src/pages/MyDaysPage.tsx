import { chinaDate, type MyDayDto } from '@lookback/contracts';
import { api } from '../api.js';
import { Async } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { dayClosed, opensAtLabel, sortMyDays } from '../route/route-progress.js';
import { hrefFor } from '../router.js';

/** 今日路线 — the inspector's home: their team-days, today's open one first. */
export function MyDaysPage() {
  const [days, retry] = useAsync((signal) => api.myDays(signal), []);
  return (
    <section className="page" data-testid="page-my-days">
      <h1>今日路线</h1>
      <Async state={days} retry={retry}>
        {(list) => <DayList days={sortMyDays(list, new Date())} />}
      </Async>
    </section>
  );
}

function DayList({ days }: { days: MyDayDto[] }) {
  if (days.length === 0) return <p className="muted" data-testid="my-days-empty">目前没有安排给您的走访。督查组长排好走访日后，路线在当天早上开放。</p>;
  const now = new Date();
  const today = chinaDate(now);
  return (
    <ul className="day-list" data-testid="my-days">
      {days.map((day) => {
        // A day that has closed no longer shows its route; the phone's own records of it stay
        // reachable, so what was not sent yet still goes out.
        const closed = dayClosed(day, now);
        const href = day.open
          ? hrefFor({ name: 'my-day', planId: day.planId, date: day.visitDate })
          : closed
            ? hrefFor({ name: 'field', planId: day.planId, date: day.visitDate, view: { kind: 'day' } })
            : null;
        const body = (
          <>
            <span className="day-date">
              {day.visitDate}
              {day.visitDate === today && <span className="badge ok">今天</span>}
            </span>
            <span className="day-team">{day.teamName}</span>
            <span className="muted small">
              {day.planName} · {day.villages} 个村
            </span>
            <span className={day.open ? 'day-state open' : 'day-state'} data-testid="my-day-state">
              {day.open ? '查看路线 →' : closed ? '已结束 · 本机记录 →' : opensAtLabel(day)}
            </span>
          </>
        );
        return (
          <li key={`${day.planId}/${day.teamId}/${day.visitDate}`} data-testid="my-day-row" data-open={day.open} data-closed={closed} data-date={day.visitDate}>
            {href ? (
              <a className="day-card" href={href}>
                {body}
              </a>
            ) : (
              <div className="day-card closed" aria-disabled="true">
                {body}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
