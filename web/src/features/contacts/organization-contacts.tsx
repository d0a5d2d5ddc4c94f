// The Contacts tab of the organisation 360° page: the people there, with a quick add.
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Button, Empty, Flex, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Contact, Organization } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { usePermission } from '../../lib/session';
import { useContacts } from './contacts.api';
import { useContactColumns } from './contact-columns';
import { ContactFormDrawer } from './contact-form-drawer';

export const OrganizationContacts = ({ organization }: { organization: Organization }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canCreate = usePermission('contact.create') && organization.access.edit;
  const [page, setPage] = useState(1);
  const contacts = useContacts({ organizationId: organization.id, page, pageSize: 20, sort: 'name' });
  const columns = useContactColumns({ withOrganization: false });
  const [adding, setAdding] = useState(false);

  const addButton = canCreate && (
    <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="org-contact-add">
      {t('contacts.quickAdd')}
    </Button>
  );

  if (contacts.isError) return <QueryErrorResult error={contacts.error} onRetry={() => void contacts.refetch()} />;
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} gap={8} wrap>
        <Typography.Text type="secondary">{t('common.total', { total: contacts.data?.total ?? 0 })}</Typography.Text>
        {addButton}
      </Flex>
      <Table<Contact>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={contacts.data?.items}
        loading={contacts.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={(contacts.data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: contacts.data?.total, onChange: setPage, showSizeChanger: false } : false}
        locale={{ emptyText: contacts.isPending ? ' ' : <Empty description={t('contacts.emptyOfOrganization')}>{addButton}</Empty> }}
        rowClassName="psm-row-link"
        onRow={(contact) => ({ 'data-testid': 'org-contact-row', onClick: () => navigate(`/contacts/${contact.id}`) }) as HTMLAttributes<HTMLElement>}
      />
      <ContactFormDrawer
        open={adding}
        organization={{ id: organization.id, name: organization.name }}
        onClose={() => setAdding(false)}
        onSaved={() => setAdding(false)}
      />
    </>
  );
};
