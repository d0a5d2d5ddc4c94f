// The price history page (PRJ-12): bidders' prices over time by product line, region and period, within the
// caller's projects — a chart and the points behind it.
import { useState } from 'react';
import { Alert, Card, DatePicker, Empty, Flex, Form, Skeleton, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TenderPricePoint, TenderPriceHistoryQuery } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { useFormat } from '../../lib/format';
import { OptionSelect } from '../projects/project-pickers';
import { PriceHistoryChart } from './price-history-chart';
import { usePriceHistory } from './tenders.api';

export const PriceHistoryPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const [productLine, setProductLine] = useState<string | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>([dayjs().subtract(2, 'year'), dayjs()]);
  const query: TenderPriceHistoryQuery = {
    productLine: productLine ?? undefined,
    region: region ?? undefined,
    from: period?.[0]?.format('YYYY-MM-DD'),
    to: period?.[1]?.format('YYYY-MM-DD'),
  };
  const history = usePriceHistory(query);
  const points = history.data?.items ?? [];

  const columns: TableColumnsType<TenderPricePoint> = [
    { key: 'date', title: t('priceHistory.columns.date'), dataIndex: 'date', width: 110, render: (value: string) => format.date(value) },
    { key: 'tender', title: t('priceHistory.columns.tender'), render: (_, point) => <Link to={`/projects/${point.projectId}`}>{point.tenderNumber} {point.tenderTitle}</Link> },
    {
      key: 'bidder',
      title: t('priceHistory.columns.bidder'),
      render: (_, point) => (
        <Flex gap={6} wrap>
          {point.bidder}
          {point.isUs && <Tag color="blue">{t('priceHistory.us')}</Tag>}
        </Flex>
      ),
    },
    { key: 'price', title: t('priceHistory.columns.price'), align: 'right', render: (_, point) => format.money(point.price) },
    { key: 'rank', title: t('priceHistory.columns.rank'), dataIndex: 'rank', width: 70, responsive: ['sm'], render: (rank: number | null) => rank ?? '—' },
    { key: 'result', title: t('priceHistory.columns.result'), responsive: ['md'], render: (_, point) => (point.result ? t(`tenders.bidderResults.${point.result as 'won'}`) : '—') },
  ];

  return (
    <>
      <PageHeader title={t('priceHistory.title')} subtitle={t('priceHistory.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('priceHistory.productLine')} style={{ minWidth: 220 }}>
            <OptionSelect listKey="product_line" value={productLine} onChange={(value) => setProductLine((value as string | null) ?? null)} data-testid="price-history-product-line" />
          </Form.Item>
          <Form.Item label={t('priceHistory.region')} style={{ minWidth: 180 }}>
            <OptionSelect listKey="region" value={region} onChange={(value) => setRegion((value as string | null) ?? null)} data-testid="price-history-region" />
          </Form.Item>
          <Form.Item label={t('priceHistory.period')}>
            <DatePicker.RangePicker value={period} onChange={(value) => setPeriod(value as [Dayjs | null, Dayjs | null] | null)} allowEmpty={[true, true]} data-testid="price-history-period" />
          </Form.Item>
        </Form>
      </Card>
      {history.isError ? (
        <QueryErrorResult error={history.error} onRetry={() => void history.refetch()} />
      ) : history.isLoading ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          {history.data?.truncated && <Alert type="warning" showIcon title={t('priceHistory.truncated')} />}
          <Card data-testid="price-history-chart">{points.length === 0 ? <Empty description={t('priceHistory.empty')} /> : <PriceHistoryChart points={points} usLabel={t('priceHistory.us')} />}</Card>
          <Card title={t('priceHistory.table')}>
            <Table
              rowKey={(point) => `${point.tenderId}-${point.bidder}-${point.price}`}
              size="small"
              columns={columns}
              dataSource={points}
              loading={history.isFetching}
              scroll={{ x: 640 }}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              data-testid="price-history-table"
            />
          </Card>
        </Flex>
      )}
    </>
  );
};
