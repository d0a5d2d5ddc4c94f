// The price history as a line chart: one series per bidder over time (ours drawn thicker), ECharts core with only the
// parts a line chart needs, so the bundle stays small.
import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { TenderPricePoint } from '@openpsm/contracts';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

/** At most this many bidders get a line; the rest are in the table (a legend of fifty names helps nobody). */
const MAX_SERIES = 12;

export const PriceHistoryChart = ({ points, usLabel, height = 380 }: { points: TenderPricePoint[]; usLabel: string; height?: number }) => {
  const option = useMemo(() => {
    const byBidder = new Map<string, { name: string; isUs: boolean; data: [string, number, string][] }>();
    for (const point of points) {
      const key = point.isUs ? '\u0000us' : (point.organizationId ?? point.bidder);
      const series = byBidder.get(key) ?? { name: point.isUs ? usLabel : point.bidder, isUs: point.isUs, data: [] };
      // Prices are decimal strings; the chart only draws them, so a float is fine here.
      series.data.push([point.date, Number(point.price), point.tenderTitle]);
      byBidder.set(key, series);
    }
    const series = [...byBidder.values()]
      .sort((left, right) => Number(right.isUs) - Number(left.isUs) || right.data.length - left.data.length)
      .slice(0, MAX_SERIES)
      .map((entry) => ({
        name: entry.name,
        type: 'line' as const,
        data: entry.data,
        symbolSize: entry.isUs ? 9 : 6,
        lineStyle: { width: entry.isUs ? 3 : 1.5 },
        z: entry.isUs ? 3 : 2,
      }));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { seriesName: string; value: [string, number, string] }) =>
          `${params.seriesName}<br/>${params.value[0]} · ${params.value[2]}<br/><b>${params.value[1].toLocaleString()}</b>`,
      },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 16, right: 16, top: 40, bottom: 48, containLabel: true },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
      series,
    };
  }, [points, usLabel]);
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} />;
};
