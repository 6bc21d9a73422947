import type { DayRouteDto, RouteVillageDto } from '@lookback/contracts';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api.js';
import { Async } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { useGeolocation } from '../components/useGeolocation.js';
import { ASSET_COLOR, FALLBACK_COLOR, PROJECT_COLOR } from '../map/colors.js';
import { RouteMap } from '../map/LazyRouteMap.js';
import { popupHtml } from '../map/popup.js';
import type { LegendItem, MapScene, MyPosition, NumberedMarker } from '../map/types.js';
import { navigationLinks } from '../route/navigation-links.js';
import {
  distanceTo,
  doneStorageKey,
  formatAccuracy,
  formatDistance,
  nextStop,
  parseDone,
  routeStops,
  serializeDone,
  STOP_KIND_LABELS,
  toggleDone,
  type RouteStop,
} from '../route/route-progress.js';
import { FieldPacketCard } from '../field/FieldPacketCard.js';
import { hrefFor } from '../router.js';

const ROUTE_COLOR = '#1f4e79';
const DONE_COLOR = '#98a2b3';
const KIND_COLORS: Record<RouteStop['kind'], string> = { household: '#d35400', project: PROJECT_COLOR, asset: ASSET_COLOR, village: ROUTE_COLOR };
const LEGEND: LegendItem[] = [
  { label: '行政村（路线顺序）', color: ROUTE_COLOR },
  { label: '农户', color: KIND_COLORS.household },
  { label: '项目', color: PROJECT_COLOR },
  { label: '资产', color: ASSET_COLOR },
  { label: '已完成', color: DONE_COLOR },
];

/** 当日路线 — one open team-day: map, next stop with distance and navigation, the ordered list. */
export function MyDayPage({ planId, date }: { planId: string; date: string }) {
  const [route, retry] = useAsync((signal) => api.myDay(planId, date, signal), [planId, date]);
  return (
    <section className="page day-page" data-testid="page-my-day">
      <p className="breadcrumb">
        <a href={hrefFor({ name: 'my-days' })}>← 今日路线</a>
      </p>
      <Async state={route} retry={retry}>
        {(data) => <DayView route={data} />}
      </Async>
    </section>
  );
}

/** Private browsing on some phones refuses storage: ticks then last only as long as the page. */
function readDone(key: string): Set<string> {
  try {
    return parseDone(window.localStorage.getItem(key));
  } catch {
    return new Set();
  }
}

function writeDone(key: string, done: ReadonlySet<string>): void {
  try {
    window.localStorage.setItem(key, serializeDone(done));
  } catch {
    // Nothing to do: the ticks still hold until the page is closed.
  }
}

const stopNumber = (stop: RouteStop) => (stop.kind === 'village' ? `${stop.villageSeq}` : `${stop.villageSeq}-${stop.index}`);

function DayView({ route }: { route: DayRouteDto }) {
  const stops = useMemo(() => routeStops(route), [route]);
  const storageKey = doneStorageKey(route.planId, route.visitDate);
  const [done, setDone] = useState(() => readDone(storageKey));
  useEffect(() => writeDone(storageKey, done), [storageKey, done]);
  const next = nextStop(stops, done);
  // null: follow the next stop's village; a tap on a village (list or map) pins it.
  const [chosen, setChosen] = useState<string | null>(null);
  const selectedCode = chosen ?? next?.villageCode ?? route.villages[0]?.villageCode ?? null;
  const [locating, setLocating] = useState(false);
  const geo = useGeolocation(locating);
  const position: MyPosition | null = geo.status === 'ok' ? geo.position : geo.status === 'error' ? geo.position : null;
  const toggle = (key: string) => setDone((current) => toggleDone(current, key));

  const selected = route.villages.find((v) => v.villageCode === selectedCode) ?? null;
  // The village being worked in fills the map; the whole day is one tap away.
  const [wholeDay, setWholeDay] = useState(false);
  const fit = useMemo(() => {
    if (wholeDay || !selected) return { key: 'all', points: [[route.start.lat, route.start.lng] as [number, number], ...route.villages.map((v): [number, number] => [v.lat, v.lng])] };
    return { key: `village:${selected.villageCode}`, points: [[selected.lat, selected.lng] as [number, number], ...selected.items.map((i): [number, number] => [i.lat, i.lng])] };
  }, [route, wholeDay, selected]);
  const select = (code: string) => {
    setChosen(code);
    setWholeDay(false);
  };
  // select only sets state: a stale copy in the memo does the same thing.
  const scene = useMemo(() => dayScene(route, stops, done, next, selectedCode, select), [route, stops, done, next, selectedCode]);

  return (
    <>
      <header className="day-head">
        <h1 data-testid="day-title">
          {route.team.name} · {route.visitDate}
        </h1>
        <p className="muted small">
          {route.planName} · {route.villages.length} 个村 · {stops.length} 站 · 全程约 {formatDistance(route.totalMeters)}（直线）
        </p>
      </header>

      <FieldPacketCard planId={route.planId} date={route.visitDate} />

      <NextStopCard next={next} position={position} locating={locating} done={done} onDone={toggle} start={route.start} />

      <div className="locate-bar">
        <button type="button" className={locating ? 'button secondary big' : 'button primary big'} data-testid="locate" aria-pressed={locating} onClick={() => setLocating((on) => !on)}>
          {locating ? '停止定位' : '我的位置'}
        </button>
        <span className={geo.status === 'error' ? 'geo-status geo-error' : 'geo-status'} data-testid="geo-status" role={geo.status === 'error' ? 'alert' : 'status'}>
          {geo.status === 'off' && '点“我的位置”显示您在地图上的位置和到下一站的距离'}
          {geo.status === 'waiting' && '正在定位…'}
          {geo.status === 'ok' && `已定位 · ${formatAccuracy(geo.position.accuracy)}`}
          {geo.status === 'error' && geo.message}
        </span>
      </div>

      <RouteMap scene={scene} legend={LEGEND} testId="day-map" fit={fit} me={position} className="map day-map" />
      <button type="button" className="button secondary" data-testid="map-whole-day" aria-pressed={wholeDay} onClick={() => setWholeDay((on) => !on)}>
        {wholeDay ? '只看本村' : '显示全天路线'}
      </button>

      <h2>路线顺序</h2>
      <ol className="stop-list" data-testid="stop-list">
        {route.villages.map((village) => (
          <VillageStops
            key={village.villageCode}
            village={village}
            stops={stops.filter((s) => s.villageCode === village.villageCode)}
            selected={village.villageCode === selectedCode}
            onSelect={() => select(village.villageCode)}
            next={next}
            done={done}
            onToggle={toggle}
          />
        ))}
      </ol>
      <p className="muted small">返回出发点：{route.start.label}。完成标记只保存在本机。</p>

      <p>
        <a className="button secondary big" href={hrefFor({ name: 'route-sheet', planId: route.planId, date: route.visitDate, teamId: null })} data-testid="print-route">
          打印路线单
        </a>
      </p>
    </>
  );
}

function NextStopCard({
  next,
  position,
  locating,
  done,
  onDone,
  start,
}: {
  next: RouteStop | null;
  position: MyPosition | null;
  locating: boolean;
  done: ReadonlySet<string>;
  onDone: (key: string) => void;
  start: DayRouteDto['start'];
}) {
  if (!next) {
    return (
      <div className="next-stop finished" data-testid="next-stop" data-stop="">
        <strong>今天的走访已全部完成</strong>
        <p className="small">返回出发点：{start.label}</p>
        <NavLinks lat={start.lat} lng={start.lng} name={start.label} />
      </div>
    );
  }
  const distance = position ? distanceTo(position, next) : null;
  return (
    <div className="next-stop" data-testid="next-stop" data-stop={next.key}>
      <div className="next-label">下一站</div>
      <div className="next-main">
        <span className="stop-no big">{stopNumber(next)}</span>
        <div>
          <strong className="next-name" data-testid="next-stop-name">
            {next.label}
          </strong>
          <div className="small">
            {STOP_KIND_LABELS[next.kind]} · {next.detail} · {next.villageName}
          </div>
          {next.kind !== 'village' && <code className="small">{next.code}</code>}
          {next.approximate && <div className="small muted">无精确坐标，位置为村中心，请到村里询问</div>}
        </div>
      </div>
      <div className="next-distance" data-testid="next-stop-distance" data-meters={distance === null ? '' : Math.round(distance)}>
        {distance !== null ? `距您 ${formatDistance(distance)}（直线）` : locating ? '正在定位…' : '开启“我的位置”后显示距离'}
      </div>
      <NavLinks lat={next.lat} lng={next.lng} name={`${next.villageName} ${next.kind === 'household' ? next.code : next.label}`} />
      <button type="button" className="button primary big block" data-testid="mark-done" onClick={() => onDone(next.key)}>
        {done.has(next.key) ? '取消完成' : '完成此站 ✓'}
      </button>
    </div>
  );
}

/** A household's name stays out of the URL: the other apps' servers log it. */
function NavLinks({ lat, lng, name }: { lat: number; lng: number; name: string }) {
  return (
    <div className="nav-links" data-testid="nav-links">
      {navigationLinks({ lat, lng, name }).map((link) => (
        <a key={link.app} className="button secondary nav-app" href={link.href} target="_blank" rel="noopener noreferrer" data-app={link.app}>
          {link.label}
        </a>
      ))}
    </div>
  );
}

function VillageStops({
  village,
  stops,
  selected,
  onSelect,
  next,
  done,
  onToggle,
}: {
  village: RouteVillageDto;
  stops: RouteStop[];
  selected: boolean;
  onSelect: () => void;
  next: RouteStop | null;
  done: ReadonlySet<string>;
  onToggle: (key: string) => void;
}) {
  const finished = stops.every((s) => done.has(s.key));
  return (
    <li className={selected ? 'route-village selected' : 'route-village'} data-testid="route-village" data-code={village.villageCode} data-selected={selected}>
      <button type="button" className="village-row" onClick={onSelect} aria-pressed={selected}>
        <span className={finished ? 'stop-no village done' : 'stop-no village'}>{village.seq}</span>
        <span className="village-row-text">
          <strong>{village.villageName}</strong>
          <span className="muted small">
            {village.townName} · 距上一处 {formatDistance(village.legMeters)} · {village.items.length} 站
          </span>
        </span>
      </button>
      {village.items.length > 0 && (
        <ol className="item-list">
          {stops.map((stop) => {
            const isNext = next?.key === stop.key;
            const isDone = done.has(stop.key);
            return (
              <li key={stop.key} className={['route-stop', isNext ? 'next' : '', isDone ? 'done' : ''].filter(Boolean).join(' ')} data-testid="route-stop" data-key={stop.key} data-next={isNext} data-done={isDone}>
                <span className="stop-no" style={{ background: isDone ? DONE_COLOR : KIND_COLORS[stop.kind] }}>
                  {stop.index}
                </span>
                <span className="stop-text">
                  <strong>{stop.label}</strong>
                  <span className="small">
                    {STOP_KIND_LABELS[stop.kind]} · {stop.detail}
                    {stop.approximate && ' · 无坐标'}
                  </span>
                  <code className="small muted">{stop.code}</code>
                  {isNext && <span className="badge next-badge">下一站</span>}
                </span>
                <button type="button" className={isDone ? 'tick done' : 'tick'} aria-pressed={isDone} aria-label={isDone ? `取消完成 ${stop.label}` : `完成 ${stop.label}`} data-testid="stop-tick" onClick={() => onToggle(stop.key)}>
                  {isDone ? '✓' : '○'}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </li>
  );
}

/** Start, villages numbered in route order, and the items of the selected village numbered within it. */
function dayScene(
  route: DayRouteDto,
  stops: RouteStop[],
  done: ReadonlySet<string>,
  next: RouteStop | null,
  selectedCode: string | null,
  select: (code: string) => void,
): MapScene {
  const numbered: NumberedMarker[] = [
    { id: 'start', lat: route.start.lat, lng: route.start.lng, label: '起', variant: 'start', color: '#344054', popup: popupHtml('出发点', [['地点', route.start.label]]) },
  ];
  for (const village of route.villages) {
    const own = stops.filter((s) => s.villageCode === village.villageCode);
    const finished = own.every((s) => done.has(s.key));
    numbered.push({
      id: `village:${village.villageCode}`,
      lat: village.lat,
      lng: village.lng,
      label: String(village.seq),
      variant: 'village',
      color: finished ? DONE_COLOR : ROUTE_COLOR,
      done: finished,
      highlight: next?.kind === 'village' && next.villageCode === village.villageCode,
      popup: popupHtml(`${village.seq}. ${village.villageName}`, [
        ['乡镇', village.townName],
        ['站数', String(village.items.length)],
      ]),
      onClick: () => select(village.villageCode),
    });
  }
  const lines: MapScene['lines'] = [
    {
      id: 'day',
      color: ROUTE_COLOR,
      points: [[route.start.lat, route.start.lng], ...route.villages.map((v): [number, number] => [v.lat, v.lng]), [route.start.lat, route.start.lng]],
    },
  ];
  const selected = route.villages.find((v) => v.villageCode === selectedCode);
  if (selected && selected.items.length) {
    for (const stop of stops.filter((s) => s.villageCode === selected.villageCode)) {
      const isDone = done.has(stop.key);
      numbered.push({
        id: stop.key,
        lat: stop.lat,
        lng: stop.lng,
        label: String(stop.index),
        variant: 'item',
        color: isDone ? DONE_COLOR : (KIND_COLORS[stop.kind] ?? FALLBACK_COLOR),
        done: isDone,
        highlight: next?.key === stop.key,
        popup: popupHtml(`${stop.villageSeq}-${stop.index} ${stop.label}`, [
          [STOP_KIND_LABELS[stop.kind], stop.code],
          ['类别', stop.detail],
          ...(stop.approximate ? ([['位置', '无坐标，显示为村中心']] as const) : []),
        ]),
      });
    }
    lines.push({ id: `walk:${selected.villageCode}`, color: KIND_COLORS.household, dashed: true, points: [[selected.lat, selected.lng], ...selected.items.map((i): [number, number] => [i.lat, i.lng])] });
  }
  return { lines, numbered, dots: [], clustered: [] };
}
