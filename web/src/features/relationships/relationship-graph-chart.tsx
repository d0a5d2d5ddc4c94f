// The interactive graph (ECharts, force layout): colour by node kind and tie type, roam and zoom, click to open a
// record. Loaded on demand, so ECharts stays out of the page chunks until a graph is shown.
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { Graph, GraphNode } from '@openpsm/contracts';
import { translateDynamic } from '../../lib/i18n';
import { directedEdgeTypes, edgeTypeColor, nodeHref, nodeKindColor, UNREADABLE_COLOR } from './graph-styles';

echarts.use([GraphChart, TooltipComponent, LegendComponent, CanvasRenderer]);

const kinds: GraphNode['kind'][] = ['organization', 'contact', 'user'];

const symbolSize = (node: GraphNode, centre: string) => {
  if (node.id === centre) return 48;
  return node.kind === 'organization' ? 32 : 22;
};

/** Tooltip text is built from our data: escape it, ECharts renders the formatter's string as HTML. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export const RelationshipGraphChart = ({ graph, height }: { graph: Graph; height: number }) => {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();

  const option = useMemo(() => {
    const kindName = (kind: GraphNode['kind']) => t(`relationships.nodeKinds.${kind}`);
    const typeName = (type: string, label: string | null) => label ?? translateDynamic(`relationships.tieTypes.${type}`, type);
    const subtitle = (node: GraphNode) => {
      if (!node.readable) return t('relationships.graph.notReadable');
      if (node.kind === 'organization' && node.subtitle) return translateDynamic(`organizations.types.${node.subtitle}`, node.subtitle);
      return node.subtitle ?? '';
    };
    return {
      tooltip: {
        confine: true,
        formatter: (params: { dataType: string; data: { tooltip?: string } }) => params.data.tooltip ?? '',
      },
      legend: [{ data: kinds.map(kindName), top: 0, left: 0, itemWidth: 12, itemHeight: 12 }],
      animationDurationUpdate: 300,
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          top: 36,
          categories: kinds.map((kind) => ({ name: kindName(kind), itemStyle: { color: nodeKindColor[kind] } })),
          force: { repulsion: graph.nodes.length > 80 ? 160 : 480, edgeLength: [80, 190], gravity: 0.04, layoutAnimation: graph.nodes.length < 150 },
          label: { show: true, position: 'right', fontSize: 12, formatter: '{b}' },
          labelLayout: { hideOverlap: true },
          emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
          edgeSymbolSize: [4, 9],
          data: graph.nodes.map((node) => ({
            id: node.id,
            name: node.name,
            category: kinds.indexOf(node.kind),
            symbolSize: symbolSize(node, graph.centre),
            symbol: node.kind === 'organization' ? 'roundRect' : 'circle',
            itemStyle: node.readable ? (node.id === graph.centre ? { borderColor: '#000', borderWidth: 2 } : undefined) : { color: UNREADABLE_COLOR },
            label: node.id === graph.centre ? { fontWeight: 'bold' } : undefined,
            tooltip: `<b>${escapeHtml(node.name)}</b><br/>${escapeHtml(kindName(node.kind))}${subtitle(node) ? ` · ${escapeHtml(subtitle(node))}` : ''}`,
            recordId: node.recordId,
            kind: node.kind,
            readable: node.readable,
          })),
          links: graph.edges.map((edge) => ({
            source: edge.from,
            target: edge.to,
            symbol: directedEdgeTypes.has(edge.type) ? ['none', 'arrow'] : ['none', 'none'],
            lineStyle: { color: edgeTypeColor[edge.type] ?? '#8c8c8c', width: edge.type === 'employment' ? 1 : 1 + (edge.strength ?? 2) * 0.5, curveness: 0.08, type: edge.type === 'employment' ? 'dashed' : 'solid' },
            tooltip: escapeHtml(typeName(edge.type, edge.label)),
          })),
        },
      ],
    };
    // The language is part of the option: the labels change with it.
  }, [graph, t, i18n.language]);

  const onEvents = useMemo(
    () => ({
      click: (params: { dataType?: string; data?: { kind: GraphNode['kind']; recordId: string; readable: boolean } }) => {
        if (params.dataType !== 'node' || !params.data) return;
        const href = nodeHref(params.data);
        if (href) void navigate(href);
      },
    }),
    [navigate],
  );

  return (
    <div data-testid="graph-canvas" role="img" aria-label={t('relationships.graph.title')}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} onEvents={onEvents} />
    </div>
  );
};
