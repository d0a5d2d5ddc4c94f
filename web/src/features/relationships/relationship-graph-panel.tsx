// The graph around an organisation or a contact: depth and tie-type filter (the colour key doubles as the filter),
// the chart, and the same nodes as a list of links under it (keyboard, screen readers, tests).
import { lazy, Suspense, useState } from 'react';
import { Alert, Empty, Flex, Segmented, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Graph, GraphNode } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { useIsMobile } from '../../components/use-is-mobile';
import { translateDynamic } from '../../lib/i18n';
import { allTieTypes, edgeTypeColor, nodeHref, nodeKindColor, UNREADABLE_COLOR } from './graph-styles';
import { useRelationshipGraph } from './relationships.api';

const RelationshipGraphChart = lazy(async () => ({ default: (await import('./relationship-graph-chart')).RelationshipGraphChart }));

const NodeList = ({ graph }: { graph: Graph }) => {
  const { t } = useTranslation();
  const others = graph.nodes.filter((node) => node.id !== graph.centre).sort((left, right) => left.depth - right.depth || left.kind.localeCompare(right.kind));
  const label = (node: GraphNode) => {
    const href = nodeHref(node);
    const text = node.subtitle && node.kind !== 'organization' ? `${node.name}（${node.subtitle}）` : node.name;
    if (!href) {
      return (
        <Typography.Text type="secondary" title={node.readable ? undefined : t('relationships.graph.notReadable')} data-testid="graph-node-name">
          {text}
        </Typography.Text>
      );
    }
    return (
      <Link to={href} data-testid="graph-node-link" data-kind={node.kind}>
        {text}
      </Link>
    );
  };
  return (
    <nav aria-label={t('relationships.graph.nodeList')}>
      <Typography.Text type="secondary">{t('relationships.graph.nodeList')}</Typography.Text>
      <Flex wrap gap={6} style={{ marginTop: 6 }}>
        {others.map((node) => (
          <Tag key={node.id} color={node.readable ? undefined : 'default'} style={{ borderColor: node.readable ? nodeKindColor[node.kind] : UNREADABLE_COLOR }}>
            {label(node)}
          </Tag>
        ))}
      </Flex>
    </nav>
  );
};

export const RelationshipGraphPanel = ({ kind, id }: { kind: 'organizations' | 'contacts'; id: string }) => {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [depth, setDepth] = useState(2);
  const [hiddenTypes, setHiddenTypes] = useState<string[]>([]);
  // The server walks only the types shown: hiding a tie type also hides what lies beyond it.
  const types = hiddenTypes.length ? allTieTypes.filter((type) => !hiddenTypes.includes(type)) : undefined;
  const graph = useRelationshipGraph(kind, id, { depth, types });

  const toggle = (type: string, checked: boolean) => setHiddenTypes((current) => (checked ? current.filter((item) => item !== type) : [...current, type]));
  const height = isMobile ? 360 : 520;

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <Flex gap={8} align="center">
          <Typography.Text>{t('relationships.graph.depth')}</Typography.Text>
          <Segmented<number>
            data-testid="graph-depth"
            value={depth}
            onChange={setDepth}
            options={[1, 2, 3].map((value) => ({ value, label: t('relationships.graph.depthOption', { count: value }) }))}
          />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('relationships.graph.clickHint')}
        </Typography.Text>
      </Flex>
      <Flex wrap gap={4} role="group" aria-label={t('relationships.graph.types')} data-testid="graph-type-filter">
        {allTieTypes.map((type) => (
          <Tag.CheckableTag key={type} checked={!hiddenTypes.includes(type)} onChange={(checked) => toggle(type, checked)} data-type={type}>
            <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: edgeTypeColor[type], marginInlineEnd: 4 }} />
            {translateDynamic(`relationships.tieTypes.${type}`, type)}
          </Tag.CheckableTag>
        ))}
      </Flex>
      {graph.isPending ? (
        <Skeleton.Node active style={{ width: '100%', height }} />
      ) : graph.isError ? (
        <QueryErrorResult error={graph.error} onRetry={() => void graph.refetch()} />
      ) : graph.data.edges.length === 0 ? (
        <Empty description={t('relationships.graph.empty')} data-testid="graph-empty" />
      ) : (
        <>
          {graph.data.truncated && <Alert type="warning" showIcon title={t('relationships.graph.truncated', { limit: graph.data.nodeLimit })} data-testid="graph-truncated" />}
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
            <RelationshipGraphChart graph={graph.data} height={height} />
          </Suspense>
          <NodeList graph={graph.data} />
        </>
      )}
    </Flex>
  );
};
