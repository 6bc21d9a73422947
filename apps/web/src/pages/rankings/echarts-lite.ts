/**
 * Only the ECharts parts the dashboard draws (line, bar, pie; grid, tooltip, legend; canvas), so
 * the lazily loaded dashboard chunk stays small instead of pulling the whole library.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { echarts };
export type EChartsOption = Parameters<echarts.EChartsType['setOption']>[0];
