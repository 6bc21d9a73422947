/** The downloaded day on the map (from the packet only): start, villages in order, each stop coloured by its state. */
import { popupHtml } from '../map/popup.js';
import type { LegendItem, MapScene, NumberedMarker } from '../map/types.js';
import { type FieldVillage, STOP_KIND_NAMES, STOP_STATE_LABELS, type StopState } from './day-state.js';
import type { FieldPacket } from './types.js';

const ROUTE = '#1f4e79';
const STATE_COLORS: Record<StopState, string> = { todo: '#d35400', 'in-progress': '#b7791f', complete: '#1e7b4a', substituted: '#98a2b3', unavailable: '#98a2b3' };

export const FIELD_LEGEND: LegendItem[] = [
  { label: '行政村（路线顺序）', color: ROUTE },
  { label: '未开始', color: STATE_COLORS.todo },
  { label: '进行中', color: STATE_COLORS['in-progress'] },
  { label: '已完成', color: STATE_COLORS.complete },
  { label: '已替换', color: STATE_COLORS.substituted },
];

export function fieldScene(packet: FieldPacket, villages: readonly FieldVillage[], onStop: (v: FieldVillage, index: number) => void): MapScene {
  const { route } = packet;
  const numbered: NumberedMarker[] = [{ id: 'start', lat: route.start.lat, lng: route.start.lng, label: '起', variant: 'start', color: '#344054', popup: popupHtml('出发点', [['地点', route.start.label]]) }];
  const lines: MapScene['lines'] = [
    { id: 'day', color: ROUTE, points: [[route.start.lat, route.start.lng], ...route.villages.map((v): [number, number] => [v.lat, v.lng]), [route.start.lat, route.start.lng]] },
  ];
  for (const village of villages) {
    const rv = route.villages.find((v) => v.villageCode === village.villageCode);
    if (!rv) continue;
    numbered.push({ id: `village:${village.villageCode}`, lat: rv.lat, lng: rv.lng, label: String(village.seq), variant: 'village', color: village.progress.done ? STATE_COLORS.complete : ROUTE, done: village.progress.done, popup: popupHtml(`${village.seq}. ${village.villageName}`, [['进度', `${village.progress.complete + village.progress.substituted}/${village.progress.total}`]]) });
    const located = village.stops.map((s, i) => ({ s, i })).filter(({ s }) => s.lat !== null && s.lng !== null && s.stopKind !== 'village' && s.stopKind !== 'documents');
    located.forEach(({ s, i }, n) => {
      numbered.push({
        id: `${village.villageCode}/${s.stopKind}/${s.stopCode}`,
        lat: s.lat!,
        lng: s.lng!,
        label: String(n + 1),
        variant: 'item',
        color: STATE_COLORS[s.state],
        done: s.state === 'complete' || s.state === 'substituted',
        popup: popupHtml(s.label, [
          [STOP_KIND_NAMES[s.stopKind], s.stopCode],
          ['状态', STOP_STATE_LABELS[s.state]],
        ]),
        onClick: () => onStop(village, i),
      });
    });
    const walk = located.filter(({ s }) => s.state !== 'substituted').map(({ s }): [number, number] => [s.lat!, s.lng!]);
    if (walk.length) lines.push({ id: `walk:${village.villageCode}`, color: STATE_COLORS.todo, dashed: true, points: [[rv.lat, rv.lng], ...walk] });
  }
  return { lines, numbered, dots: [], clustered: [] };
}
