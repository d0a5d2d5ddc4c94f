import { Card, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { ListToolbar, SearchBox, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { useFormat } from '../../lib/format';
import { useOutbox } from './outbox.api';
import type { OutboxMail } from './outbox.api';

/** Links in mail text (password resets) become clickable for the administrator reading them. */
const linkify = (text: string) =>
  text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, index) =>
    /^https?:\/\//.test(part) ? (
      <a key={index} href={part} target="_blank" rel="noreferrer noopener">
        {part}
      </a>
    ) : (
      part
    ),
  );

export const OutboxPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const params = useListParams({ pageSize: 20 });
  const outbox = useOutbox(params.apiQuery);

  return (
    <>
      <PageHeader title={t('outbox.title')} subtitle={t('outbox.subtitle')} />
      <Card styles={{ body: { padding: 16 } }}>
        <ListToolbar search={<SearchBox value={params.q} onSearch={(q) => params.update({ q })} />} showClear={params.hasFilters} onClear={params.clearFilters} />
        {outbox.isError ? (
          <QueryErrorResult error={outbox.error} onRetry={() => void outbox.refetch()} />
        ) : (
          <Table<OutboxMail>
            rowKey="id"
            size="middle"
            loading={outbox.isFetching}
            dataSource={outbox.data?.items}
            onChange={params.onTableChange}
            pagination={outbox.data?.total === undefined ? false : paginationOf(params, outbox.data.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('outbox.empty') }}
            expandable={{ expandedRowRender: (mail) => <pre className="psm-pre">{linkify(mail.text)}</pre>, expandRowByClick: true }}
            columns={[
              { title: t('fields.common.createdAt'), dataIndex: 'createdAt', className: 'psm-nowrap', render: (value: string) => format.dateTime(value) },
              { title: t('outbox.to'), dataIndex: 'to' },
              { title: t('outbox.subject'), dataIndex: 'subject' },
              {
                title: t('fields.common.status'),
                key: 'status',
                render: (_, mail) =>
                  mail.error ? (
                    <Tooltip title={mail.error}>
                      <Tag color="red">{t('outbox.failed')}</Tag>
                    </Tooltip>
                  ) : mail.sentAt ? (
                    <Tooltip title={format.dateTime(mail.sentAt)}>
                      <Tag color="green">{t('outbox.sent')}</Tag>
                    </Tooltip>
                  ) : (
                    <Tag>{t('outbox.kept')}</Tag>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
};
