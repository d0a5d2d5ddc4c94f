import { Card, DatePicker, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { auditActions } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { UserSelect } from '../../components/user-select';
import { ListToolbar, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { useFormat } from '../../lib/format';
import { translateDynamic } from '../../lib/i18n';
import { useAuditLog } from './audit-log.api';
import type { AuditEntry } from './audit-log.api';

const dangerous = new Set(['login_failed', 'account_locked', 'permission_change', 'export', 'transfer']);

export const AuditLogPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const params = useListParams({ pageSize: 50 });
  const audit = useAuditLog(params.apiQuery);
  const { from, to } = params.filters;
  const actionLabel = (action: string) => translateDynamic(`audit.actions.${action}`, action);

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card styles={{ body: { padding: 16 } }}>
        <ListToolbar
          filters={
            <>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 160 }}
                placeholder={t('audit.action')}
                value={params.filters.action}
                onChange={(value?: string) => params.update({ action: value })}
                options={auditActions.map((action) => ({ value: action, label: actionLabel(action) }))}
              />
              <UserSelect style={{ minWidth: 180 }} placeholder={t('audit.actor')} value={params.filters.actorId} onChange={(value?: string) => params.update({ actorId: value })} />
              <DatePicker.RangePicker
                format={format.dateFormat}
                value={from && to ? [dayjs(from), dayjs(to)] : null}
                onChange={(range) => params.update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
              />
            </>
          }
          showClear={params.hasFilters}
          onClear={params.clearFilters}
        />
        {audit.isError ? (
          <QueryErrorResult error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="small"
            loading={audit.isFetching}
            dataSource={audit.data?.items}
            onChange={params.onTableChange}
            pagination={paginationOf(params, audit.data?.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('audit.empty') }}
            expandable={{
              rowExpandable: (entry) => Object.keys(entry.details).length > 0,
              expandedRowRender: (entry) => <pre className="psm-pre">{JSON.stringify(entry.details, null, 2)}</pre>,
            }}
            columns={[
              { title: t('audit.at'), dataIndex: 'at', className: 'psm-nowrap', render: (value: string) => format.dateTime(value) },
              { title: t('audit.action'), dataIndex: 'action', render: (action: string) => <Tag color={dangerous.has(action) ? 'orange' : 'default'}>{actionLabel(action)}</Tag> },
              { title: t('audit.actor'), dataIndex: 'actorName', render: (name: string | null) => name ?? t('history.system') },
              {
                title: t('audit.target'),
                key: 'target',
                render: (_, entry) =>
                  entry.targetType ? (
                    <span>
                      {translateDynamic(`recordTypes.${entry.targetType}`, entry.targetType)}{' '}
                      {entry.targetId && <Typography.Text type="secondary" copyable={{ text: entry.targetId }}>{entry.targetId.slice(0, 8)}</Typography.Text>}
                    </span>
                  ) : (
                    ''
                  ),
              },
              { title: t('audit.ip'), dataIndex: 'ip', className: 'psm-nowrap', render: (ip: string | null) => ip ?? '' },
            ]}
          />
        )}
      </Card>
    </>
  );
};
