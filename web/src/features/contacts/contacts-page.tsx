// The contacts list (/contacts): every contact at the organisations the reader can see, searchable and filterable.
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Button, Card, Empty, Space, Table, Tooltip } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { ListToolbar, SearchBox, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { SavedViewsBar } from '../../components/saved-views/saved-views-bar';
import { usePermission } from '../../lib/session';
import { contactsExportHref, useContacts } from './contacts.api';
import { useContactColumns } from './contact-columns';
import { ContactFilters } from './contact-filters';
import { ContactFormDrawer } from './contact-form-drawer';

export const ContactsPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canCreate = usePermission('contact.create');
  const canExport = usePermission('contact.export');
  const canImport = usePermission('contact.import');
  const params = useListParams({ pageSize: 20, sort: '-updatedAt' });
  const contacts = useContacts(params.apiQuery);
  const columns = useContactColumns({ sortOrderOf: params.sortOrderOf });
  const [creating, setCreating] = useState(false);

  const createButton = canCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contact-create">
      {t('contacts.create')}
    </Button>
  );
  const exportButton = canExport && (
    <Tooltip title={t('contacts.exportHelp')}>
      <Button icon={<DownloadOutlined />} href={contactsExportHref(params.apiQuery)} data-testid="contact-export">
        {t('contacts.export')}
      </Button>
    </Tooltip>
  );
  const emptyText = params.hasFilters ? (
    <Empty description={t('contacts.noMatch')}>
      <Button onClick={params.clearFilters}>{t('common.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty description={t('contacts.empty')}>{createButton}</Empty>
  );

  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        extra={
          <Space wrap>
            {canImport && (
              <Button icon={<ImportOutlined />} onClick={() => navigate('/imports?type=contact')} data-testid="contact-import">
                {t('imports.importButton')}
              </Button>
            )}
            {exportButton}
            {createButton}
          </Space>
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <SavedViewsBar listKey="contacts" defaultSort="-updatedAt" />
        <ListToolbar
          search={<SearchBox value={params.q} onSearch={(q) => params.update({ q })} placeholder={t('contacts.searchPlaceholder')} testId="contact-search" />}
          filters={<ContactFilters filters={params.filters} onChange={(key, value) => params.update({ [key]: value })} />}
          showClear={params.hasFilters}
          onClear={params.clearFilters}
        />
        {contacts.isError ? (
          <QueryErrorResult error={contacts.error} onRetry={() => void contacts.refetch()} />
        ) : (
          <Table<Contact>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={contacts.data?.items}
            loading={contacts.isFetching}
            onChange={params.onTableChange}
            pagination={paginationOf(params, contacts.data?.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: contacts.isPending ? ' ' : emptyText }}
            rowClassName="psm-row-link"
            onRow={(contact) => ({ 'data-testid': 'contact-row', onClick: () => navigate(`/contacts/${contact.id}`) }) as HTMLAttributes<HTMLElement>}
          />
        )}
      </Card>
      <ContactFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(contact) => {
          setCreating(false);
          navigate(`/contacts/${contact.id}`);
        }}
      />
    </>
  );
};
