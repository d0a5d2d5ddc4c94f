// The shortest chain of person ties from one of our people (or a contact) to a contact: who can introduce us.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Select, Skeleton, Tag, Timeline, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, SearchOutlined, SwapOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { GraphEdge, GraphNode, PersonPath } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { translateDynamic } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { directedEdgeTypes, edgeTypeColor, nodeHref, nodeKindColor } from './graph-styles';
import { ContactSelect, PersonPicker, type PersonValue } from './record-pickers';
import { usePersonPath, type PersonRef } from './relationships.api';

type Search = { from: PersonRef; to: PersonRef; maxDepth: number };

const NodeStep = ({ node }: { node: GraphNode }) => {
  const { t } = useTranslation();
  const href = nodeHref(node);
  return (
    <Flex gap={8} align="center" wrap>
      <Tag color={nodeKindColor[node.kind]}>{t(`relationships.nodeKinds.${node.kind}`)}</Tag>
      {href ? (
        <Link to={href} data-testid="chain-node-link">
          {node.name}
        </Link>
      ) : (
        <Typography.Text strong>{node.name}</Typography.Text>
      )}
      {node.subtitle && <Typography.Text type="secondary">{node.subtitle}</Typography.Text>}
    </Flex>
  );
};

/** The tie between two steps, with an arrow when its direction means something (A reports to B). */
const EdgeStep = ({ edge, fromNode }: { edge: GraphEdge; fromNode: GraphNode }) => {
  const name = edge.label ?? translateDynamic(`relationships.tieTypes.${edge.type}`, edge.type);
  const icon = !directedEdgeTypes.has(edge.type) ? <SwapOutlined /> : edge.from === fromNode.id ? <ArrowDownOutlined /> : <ArrowUpOutlined />;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {icon} <span style={{ color: edgeTypeColor[edge.type] }}>{name}</span>
    </Typography.Text>
  );
};

const ChainResult = ({ path, maxDepth }: { path: PersonPath; maxDepth: number }) => {
  const { t } = useTranslation();
  if (!path.found) return <Alert type="info" showIcon title={t('relationships.chain.none', { count: maxDepth })} data-testid="chain-none" />;
  return (
    <div data-testid="chain-result">
      <Typography.Paragraph type="secondary">{t('relationships.chain.found', { count: path.edges.length })}</Typography.Paragraph>
      <Timeline
        items={path.nodes.map((node, index) => ({
          key: node.id,
          color: nodeKindColor[node.kind],
          content: (
            <Flex vertical gap={4}>
              <NodeStep node={node} />
              {path.edges[index] && <EdgeStep edge={path.edges[index]} fromNode={node} />}
            </Flex>
          ),
        }))}
      />
    </div>
  );
};

export const ShortestChainPanel = ({ toContactId }: { toContactId?: string }) => {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [from, setFrom] = useState<PersonValue>({ kind: 'user', id: user.id });
  const [to, setTo] = useState<string | undefined>(toContactId);
  const [maxDepth, setMaxDepth] = useState(6);
  const [search, setSearch] = useState<Search | null>(null);
  const path = usePersonPath(search?.from ?? null, search?.to ?? null, search?.maxDepth ?? 6);

  const find = () => {
    if (!from.id || !to) return;
    setSearch({ from: `${from.kind}:${from.id}`, to: `contact:${to}`, maxDepth });
  };

  return (
    <Card size="small" title={t('relationships.chain.title')} data-testid="chain-panel">
      <Typography.Paragraph type="secondary">{t('relationships.chain.help')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={find}>
        <Flex gap={12} wrap align="end">
          <Form.Item label={t('relationships.chain.from')} style={{ minWidth: 280, flex: 1, marginBottom: 8 }}>
            <PersonPicker value={from} onChange={setFrom} testId="chain-from" />
          </Form.Item>
          {!toContactId && (
            <Form.Item label={t('relationships.chain.to')} style={{ minWidth: 220, flex: 1, marginBottom: 8 }}>
              <ContactSelect value={to} onChange={setTo} data-testid="chain-to" />
            </Form.Item>
          )}
          <Form.Item label={t('relationships.chain.maxDepth')} style={{ marginBottom: 8 }}>
            <Select<number> value={maxDepth} onChange={setMaxDepth} style={{ width: 80 }} options={[1, 2, 3, 4, 5, 6].map((value) => ({ value, label: value }))} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} disabled={!from.id || !to} data-testid="chain-find">
              {t('relationships.chain.find')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {search && (path.isPending ? <Skeleton active /> : path.isError ? <QueryErrorResult error={path.error} /> : <ChainResult path={path.data} maxDepth={search.maxDepth} />)}
    </Card>
  );
};
