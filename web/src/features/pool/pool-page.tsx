// 公海 / Public pool: customers waiting in my pools; claim one (with confirmation), or — managers — assign it.
import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PoolOrganization } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { ListToolbar, SearchBox, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { useOptionLabeler } from '../../lib/reference-data';
import { GradeTag, OrganizationTypeTag } from '../organizations/organization-labels';
import { AssignModal } from './assign-modal';
import { poolErrorMessage } from './pool-errors';
import { useClaimOrganization, useMyPools, usePoolOrganizations } from './pool.api';

export const PoolPage = () => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const labelOf = useOptionLabeler(i18n.language);
  const canAssign = usePermission('pool.assign');
  const params = useListParams({ pageSize: 20, sort: '-pooledAt' });
  const mine = useMyPools();
  const list = usePoolOrganizations(params.apiQuery);
  const claim = useClaimOrganization();
  const [assigning, setAssigning] = useState<PoolOrganization | null>(null);

  const ownPool = mine.data?.items.find((pool) => pool.id === mine.data?.ownPoolId);
  const counters = mine.data
    ? t('pool.counters', {
        owned: mine.data.owned,
        claimed: mine.data.claimedToday,
        limit: ownPool?.maxOwnedPerRep ? t('pool.limitSuffix', { limit: ownPool.maxOwnedPerRep }) : '',
        daily: ownPool?.dailyClaimLimit ? t('pool.limitSuffix', { limit: ownPool.dailyClaimLimit }) : '',
      })
    : undefined;

  const onClaim = async (organization: PoolOrganization) => {
    try {
      await claim.mutateAsync(organization.id);
      void message.success(t('pool.claimed'));
    } catch (error) {
      const text = poolErrorMessage(error, format);
      if (text) void message.error(text);
      else handleError(error);
    }
  };

  const columns: TableColumnsType<PoolOrganization> = [
    { key: 'name', dataIndex: 'name', title: t('pool.columns.name'), sorter: true, sortOrder: params.sortOrderOf('name'), render: (name: string, row) => <span data-testid="pool-row-name">{name}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{row.number}</Typography.Text></span> },
    { key: 'type', dataIndex: 'type', title: t('pool.columns.type'), render: (type: PoolOrganization['type']) => <OrganizationTypeTag type={type} /> },
    { key: 'industry', dataIndex: 'industry', title: t('pool.columns.industry'), responsive: ['md'], render: (value: string | null) => (value ? labelOf('industry', value) : t('common.empty')) },
    { key: 'region', dataIndex: 'region', title: t('pool.columns.region'), responsive: ['md'], render: (value: string | null) => (value ? labelOf('region', value) : t('common.empty')) },
    { key: 'grade', dataIndex: 'grade', title: t('pool.columns.grade'), sorter: true, sortOrder: params.sortOrderOf('grade'), render: (grade: string | null) => <GradeTag grade={grade} /> },
    { key: 'stage', dataIndex: 'stage', title: t('pool.columns.stage'), responsive: ['lg'], render: (stage: string) => t(`lifecycle.stages.${stage as 'new'}`) },
    { key: 'pool', dataIndex: 'poolName', title: t('pool.columns.pool'), responsive: ['lg'] },
    { key: 'pooledAt', dataIndex: 'daysInPool', title: t('pool.columns.daysInPool'), sorter: true, sortOrder: params.sortOrderOf('pooledAt'), render: (days: number, row) => <span title={format.dateTime(row.pooledAt)}>{t('pool.days', { count: days })}</span> },
    { key: 'lastOwner', dataIndex: 'lastOwner', title: t('pool.columns.lastOwner'), responsive: ['md'], render: (owner: PoolOrganization['lastOwner']) => owner?.displayName ?? t('common.empty') },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, row) => (
        <Space size={4} wrap>
          <Popconfirm title={t('pool.claimConfirm', { name: row.name })} onConfirm={() => onClaim(row)} okButtonProps={{ 'data-testid': 'pool-claim-confirm' } as ButtonProps}>
            <Button type="link" size="small" data-testid="pool-claim" loading={claim.isPending && claim.variables === row.id}>
              {t('pool.claim')}
            </Button>
          </Popconfirm>
          {canAssign && (
            <Button type="link" size="small" onClick={() => setAssigning(row)} data-testid="pool-assign">
              {t('pool.assign')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const pools = mine.data?.items ?? [];
  const emptyText = params.hasFilters ? (
    <Empty description={t('pool.noMatch')}>
      <Button onClick={params.clearFilters}>{t('common.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty description={t('pool.empty')} />
  );

  return (
    <>
      <PageHeader title={t('pool.title')} subtitle={counters ?? t('pool.subtitle')} />
      <Card styles={{ body: { padding: 16 } }}>
        <ListToolbar
          search={<SearchBox value={params.q} onSearch={(q) => params.update({ q })} placeholder={t('pool.searchPlaceholder')} testId="pool-search" />}
          filters={
            pools.length > 1 ? (
              <Select
                allowClear
                style={{ minWidth: 160 }}
                placeholder={t('pool.allPools')}
                value={params.filters.poolId}
                onChange={(poolId) => params.update({ poolId })}
                options={pools.map((pool) => ({ value: pool.id, label: pool.name }))}
              />
            ) : undefined
          }
          showClear={params.hasFilters}
          onClear={params.clearFilters}
        />
        {list.isError ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<PoolOrganization>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            onChange={params.onTableChange}
            pagination={paginationOf(params, list.data?.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: list.isPending ? ' ' : emptyText }}
            onRow={() => ({ 'data-testid': 'pool-row' }) as object}
          />
        )}
      </Card>
      <AssignModal organization={assigning} onClose={() => setAssigning(null)} />
    </>
  );
};
