import { api } from '../api.js';
import { Async } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { formatCount } from '../format.js';
import { hrefFor, navigate } from '../router.js';

export function TownsPage() {
  const [towns, retry] = useAsync((signal) => api.towns(signal), []);
  return (
    <section className="page" data-testid="page-towns">
      <h1>乡镇</h1>
      <Async state={towns} retry={retry}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">暂无乡镇数据。</p>
          ) : (
            <div className="table-wrap">
              <table className="table clickable" data-testid="towns-table">
                <thead>
                  <tr>
                    <th>乡镇</th>
                    <th className="num">行政村</th>
                    <th className="num">总户数</th>
                    <th className="num">脱贫户</th>
                    <th className="num">监测户</th>
                    <th className="num">低保户</th>
                    <th className="num">特困户</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((town) => {
                    const href = hrefFor({ name: 'villages', town: town.code });
                    return (
                      <tr key={town.code} data-testid="town-row" onClick={() => navigate(href)}>
                        <td>
                          <a href={href}>{town.name}</a>
                        </td>
                        <td className="num">{formatCount(town.villageCount)}</td>
                        <td className="num">{formatCount(town.counts.total)}</td>
                        <td className="num">{formatCount(town.counts.tuopin)}</td>
                        <td className="num">{formatCount(town.counts.monitored)}</td>
                        <td className="num">{formatCount(town.counts.dibao)}</td>
                        <td className="num">{formatCount(town.counts.tekun)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </section>
  );
}
