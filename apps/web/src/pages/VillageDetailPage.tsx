import type { AssetDto, HouseholdDto, VillageDto } from '@lookback/contracts';
import { useEffect, useMemo, useState } from 'react';
import { allHouseholds, api } from '../api.js';
import { HouseholdCountCards } from '../components/CountCards.js';
import { Pager } from '../components/Pager.js';
import { Async, ErrorBox, isFinalRefusal, Loading } from '../components/Status.js';
import { useAsync, type AsyncState } from '../components/useAsync.js';
import { formatCount, formatWan } from '../format.js';
import { ASSET_COLOR, HOUSEHOLD_TYPE_COLORS } from '../map/colors.js';
import { PointMap } from '../map/LazyPointMap.js';
import { townCodeOfVillage } from '../regions.js';
import { hrefFor } from '../router.js';
import { assetPoints, householdFlags, householdPoints } from '../villages.js';

const PAGE_SIZE = 50;
const MAP_LEGEND = [...Object.entries(HOUSEHOLD_TYPE_COLORS).map(([label, color]) => ({ label, color })), { label: '项目资产', color: ASSET_COLOR }];

/** There is no single-village endpoint: look in the village's own town first, then everywhere. */
async function findVillage(code: string, signal: AbortSignal): Promise<VillageDto | null> {
  const town = townCodeOfVillage(code);
  if (town) {
    const inTown = await api.villages(town, signal);
    const found = inTown.find((v) => v.code === code);
    if (found) return found;
  }
  return (await api.villages(null, signal)).find((v) => v.code === code) ?? null;
}

export function VillageDetailPage({ code }: { code: string }) {
  const [village, retry] = useAsync((signal) => findVillage(code, signal), [code]);
  return (
    <section className="page" data-testid="page-village">
      <p className="breadcrumb">
        <a href={hrefFor({ name: 'villages', town: village.status === 'ready' ? (village.data?.townCode ?? null) : null })}>← 行政村列表</a>
      </p>
      <Async state={village} retry={retry}>
        {(v) =>
          v ? (
            <VillageDetail village={v} />
          ) : (
            <ErrorBox message={`未找到村代码为 ${code} 的行政村`} />
          )
        }
      </Async>
    </section>
  );
}

function VillageDetail({ village }: { village: VillageDto }) {
  // Fetched once for both the map and the table.
  const [assets, retryAssets] = useAsync((signal) => api.assets(village.code, signal), [village.code]);
  return (
    <>
      <header className="village-header">
        <h1 data-testid="village-name">{village.name}</h1>
        <p className="muted">
          {village.townName} · {village.villageType} · 村代码 {village.code}
        </p>
      </header>
      <HouseholdCountCards counts={village.counts} />
      <h2>农户分布</h2>
      <HouseholdMap code={village.code} center={[village.lat, village.lng]} assets={assets} />
      <h2>农户花名册</h2>
      <HouseholdTable code={village.code} />
      <h2>衔接资金项目</h2>
      <Projects code={village.code} />
      <h2>项目资产</h2>
      <Assets assets={assets} retry={retryAssets} />
      <h2>村干部及帮扶人员</h2>
      <Cadres code={village.code} />
    </>
  );
}

function HouseholdMap({ code, center, assets }: { code: string; center: [number, number]; assets: AsyncState<AssetDto[]> }) {
  const [households, retry] = useAsync((signal) => allHouseholds(code, signal), [code]);
  const points = useMemo(
    () => [
      ...(households.status === 'ready' ? householdPoints(households.data) : []),
      ...(assets.status === 'ready' ? assetPoints(assets.data) : []),
    ],
    [households, assets],
  );
  // A role without the roster (e.g. 领导) still gets the asset map, with the reason households are missing.
  const refused = households.status === 'error' && isFinalRefusal(households.httpStatus);
  if (households.status === 'error' && !refused) return <ErrorBox message={households.message} onRetry={retry} />;
  return (
    <>
      {households.status === 'loading' && <Loading text="正在加载农户坐标…" />}
      {refused && (
        <p className="notice" data-testid="households-refused">
          {households.message}：地图只显示项目资产。
        </p>
      )}
      <PointMap points={points} legend={MAP_LEGEND} testId="village-map" emptyText="农户和资产均无坐标" fallbackCenter={center} />
    </>
  );
}

function HouseholdTable({ code }: { code: string }) {
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  // Debounced so each keystroke does not hit the server.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(input.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [input]);
  const [households, retry] = useAsync((signal) => api.households(code, { page, pageSize: PAGE_SIZE, q: query }, signal), [code, page, query]);

  return (
    <>
      <div className="filters">
        <label className="field grow">
          <span>搜索</span>
          <input
            type="search"
            data-testid="household-search"
            placeholder="户编号或户主姓名"
            value={input}
            onChange={(e) => setInput(e.target.value)}
          />
        </label>
      </div>
      <Async state={households} retry={retry}>
        {(result) => (
          <>
            <div className="table-wrap">
              <table className="table" data-testid="households-table">
                <thead>
                  <tr>
                    <th>户编号</th>
                    <th>户主</th>
                    <th>户类型</th>
                    <th>监测类别</th>
                    <th>重点情形</th>
                    <th className="num">人口</th>
                    <th className="num">人均纯收入（元）</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.length === 0 && (
                    <tr>
                      <td colSpan={7} className="muted">
                        {query ? '没有符合条件的农户' : '暂无农户数据'}
                      </td>
                    </tr>
                  )}
                  {result.items.map((h: HouseholdDto) => (
                    <tr key={h.householdNo} data-testid="household-row">
                      <td>
                        <code>{h.householdNo}</code>
                      </td>
                      <td>{h.headName}</td>
                      <td>{h.householdType}</td>
                      <td>{h.monitoringCategory ?? '—'}</td>
                      <td>{householdFlags(h).join('、') || '—'}</td>
                      <td className="num">{formatCount(h.members)}</td>
                      <td className="num">{formatCount(h.incomePerCapita)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={result.page} pageSize={result.pageSize || PAGE_SIZE} total={result.total} onPage={setPage} />
          </>
        )}
      </Async>
    </>
  );
}

function Projects({ code }: { code: string }) {
  const [projects, retry] = useAsync((signal) => api.projects({ village: code }, signal), [code]);
  return (
    <Async state={projects} retry={retry}>
      {(list) =>
        list.length === 0 ? (
          <p className="muted">本村暂无项目。</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="projects-table">
              <thead>
                <tr>
                  <th>项目编号</th>
                  <th>项目名称</th>
                  <th>年度</th>
                  <th>类型</th>
                  <th className="num">资金规模</th>
                  <th>状态</th>
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.projectCode}>
                    <td>
                      <code>{p.projectCode}</code>
                    </td>
                    <td>{p.name}</td>
                    <td>{p.year}</td>
                    <td>{p.projectType}</td>
                    <td className="num">{formatWan(p.amountWan)}</td>
                    <td>{p.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Async>
  );
}

function Assets({ assets, retry }: { assets: AsyncState<AssetDto[]>; retry: () => void }) {
  return (
    <Async state={assets} retry={retry}>
      {(list) =>
        list.length === 0 ? (
          <p className="muted">本村暂无项目资产。</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="assets-table">
              <thead>
                <tr>
                  <th>资产编号</th>
                  <th>资产名称</th>
                  <th>性质</th>
                  <th>坐标</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.assetCode}>
                    <td>
                      <code>{a.assetCode}</code>
                    </td>
                    <td>{a.name}</td>
                    <td>{a.kind}</td>
                    <td className="muted">{a.lat !== null && a.lng !== null ? `${a.lat.toFixed(5)}, ${a.lng.toFixed(5)}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Async>
  );
}

function Cadres({ code }: { code: string }) {
  const [cadres, retry] = useAsync((signal) => api.cadres(code, signal), [code]);
  return (
    <Async state={cadres} retry={retry}>
      {(list) =>
        list.length === 0 ? (
          <p className="muted">本村暂无干部信息。</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="cadres-table">
              <thead>
                <tr>
                  <th>编号</th>
                  <th>姓名</th>
                  <th>职务</th>
                  <th>电话</th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.cadreNo}>
                    <td>
                      <code>{c.cadreNo}</code>
                    </td>
                    <td>{c.name}</td>
                    <td>{c.role}</td>
                    <td>{c.phone ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Async>
  );
}
