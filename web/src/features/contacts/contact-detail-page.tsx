// The contact page (CUS-2): everything about the person, in tabs other modules extend (contact-tabs.tsx).
import { useState } from 'react';
import { Button, Card, Result, Tabs } from 'antd';
import { DeleteOutlined, EditOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { isApiError } from '../../lib/api-client';
import { hasPermission, useCurrentUser } from '../../lib/session';
import { useContact } from './contacts.api';
import { AttitudeTag, BuyingRoleTag, RelationshipLevel } from './contact-labels';
import { contactTabs, type ContactTabContext } from './contact-tabs';
import { ContactFormDrawer } from './contact-form-drawer';
import { ContactDeleteModal } from './contact-delete-modal';
import { ContactMergeModal } from './contact-merge-modal';
import { QuickLogButton } from '../activities/quick-log-button';

export const ContactDetailPage = () => {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const contact = useContact(id);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const tab = searchParams.get('tab') ?? 'details';

  if (contact.isPending) return <PageSkeleton />;
  if (contact.isError) {
    if (isApiError(contact.error) && contact.error.status === 404) {
      return <Result status="404" title={t('contacts.notFound')} extra={<Link to="/contacts">{t('contacts.title')}</Link>} />;
    }
    return <QueryErrorResult error={contact.error} onRetry={() => void contact.refetch()} />;
  }
  const record = contact.data;
  const context: ContactTabContext = { contact: record, can: (permission) => hasPermission(user, permission as Permission), t };
  const tabs = contactTabs
    .filter((entry) => entry.visible?.(context) ?? true)
    .sort((left, right) => left.order - right.order)
    .map((entry) => ({ key: entry.key, label: entry.label(context), children: entry.render(context) }));

  return (
    <>
      <PageHeader
        backTo="/contacts"
        title={<span data-testid="contact-title">{record.name}</span>}
        tags={
          <>
            <BuyingRoleTag role={record.buyingRole} />
            <AttitudeTag attitude={record.attitude} />
            <RelationshipLevel level={record.relationshipLevel} />
          </>
        }
        subtitle={
          <span>
            {record.number} · <Link to={`/organizations/${record.organization.id}`}>{record.organization.name}</Link>
            {record.title ? ` · ${record.title}` : ''}
          </span>
        }
        extra={
          <>
            <QuickLogButton context={{ organization: record.organization, contact: { id: record.id, name: record.name } }} />
            {record.access.edit && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="contact-edit">
                {t('common.edit')}
              </Button>
            )}
            {record.access.delete && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)} data-testid="contact-merge">
                {t('merge.action')}
              </Button>
            )}
            {record.access.delete && (
              <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)} data-testid="contact-delete">
                {t('common.delete')}
              </Button>
            )}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tabs.some((item) => item.key === tab) ? tab : 'details'}
          onChange={(key) => setSearchParams(key === 'details' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={tabs}
        />
      </Card>
      {record.access.edit && <ContactFormDrawer open={editing} contact={record} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {record.access.delete && <ContactMergeModal contact={record} open={merging} onClose={() => setMerging(false)} />}
      {record.access.delete && (
        <ContactDeleteModal contact={record} open={deleting} onClose={() => setDeleting(false)} onDeleted={() => navigate(`/organizations/${record.organization.id}?tab=contacts`, { replace: true })} />
      )}
    </>
  );
};
