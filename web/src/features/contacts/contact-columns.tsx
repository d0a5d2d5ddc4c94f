// The columns of a contacts table, shared by the contacts list and an organisation's Contacts tab.
import { useMemo } from 'react';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { useCustomFieldDefinitions } from '../../lib/reference-data';
import { customFieldLabel, renderCustomFieldValue } from '../../components/custom-fields/custom-field-format';
import { AttitudeTag, BuyingRoleTag, RelationshipLevel } from './contact-labels';

type ColumnOptions = {
  sortOrderOf?: (field: string) => 'ascend' | 'descend' | null;
  /** Inside an organisation's page the organisation column says nothing new. */
  withOrganization?: boolean;
};

export const useContactColumns = ({ sortOrderOf, withOrganization = true }: ColumnOptions = {}): TableColumnsType<Contact> => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const definitions = useCustomFieldDefinitions('contact').data;
  return useMemo(() => {
    const sortable = (field: string) => (sortOrderOf ? { sorter: true, sortOrder: sortOrderOf(field), sortDirections: ['ascend', 'descend'] as ('ascend' | 'descend')[] } : {});
    const columns: TableColumnsType<Contact> = [
      {
        key: 'name',
        title: t('contacts.fields.name'),
        fixed: 'left',
        ...sortable('name'),
        render: (_, contact) => (
          <Link to={`/contacts/${contact.id}`} onClick={(event) => event.stopPropagation()} data-testid="contact-link">
            {contact.name}
          </Link>
        ),
      },
      ...(withOrganization
        ? [
            {
              key: 'organization',
              title: t('contacts.fields.organization'),
              render: (_: unknown, contact: Contact) => (
                <Link to={`/organizations/${contact.organization.id}`} onClick={(event) => event.stopPropagation()}>
                  {contact.organization.name}
                </Link>
              ),
            },
          ]
        : []),
      { key: 'title', title: t('contacts.fields.title'), render: (_, contact) => [contact.title, contact.department].filter(Boolean).join(' · ') || '—' },
      { key: 'buyingRole', title: t('contacts.fields.buyingRole'), render: (_, contact) => <BuyingRoleTag role={contact.buyingRole} /> },
      { key: 'attitude', title: t('contacts.fields.attitude'), render: (_, contact) => <AttitudeTag attitude={contact.attitude} /> },
      { key: 'relationshipLevel', title: t('contacts.fields.relationshipLevel'), ...sortable('relationshipLevel'), render: (_, contact) => <RelationshipLevel level={contact.relationshipLevel} /> },
      { key: 'mobile', title: t('contacts.fields.mobile'), className: 'psm-nowrap', render: (_, contact) => contact.mobile ?? contact.phone ?? '—' },
      { key: 'email', title: t('contacts.fields.email'), render: (_, contact) => contact.email ?? '—' },
      { key: 'updatedAt', title: t('contacts.fields.updatedAt'), className: 'psm-nowrap', ...sortable('updatedAt'), render: (_, contact) => format.dateTime(contact.updatedAt) },
      // Custom fields an administrator chose to show in lists, after the contact's own columns.
      ...(definitions ?? [])
        .filter((field) => field.active && field.showInList)
        .map((field) => ({
          key: `cf.${field.key}`,
          title: customFieldLabel(field, i18n.language),
          render: (_: unknown, contact: Contact) => renderCustomFieldValue(field, contact.customFields[field.key], format, '—'),
        })),
    ];
    return columns;
  }, [definitions, format, i18n.language, sortOrderOf, t, withOrganization]);
};
