// Everything about the person, in one table: role and attitude as tags, the relationship as stars.
import { Descriptions, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { useCustomFieldDescriptionItems } from '../../components/custom-fields/custom-field-values';
import { AttitudeTag, BuyingRoleTag, RelationshipLevel } from './contact-labels';

export const ContactDetails = ({ contact }: { contact: Contact }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const customItems = useCustomFieldDescriptionItems('contact', contact.customFields);
  const empty = t('common.empty');
  const text = (value: string | null | undefined) => value || empty;
  const multiline = (value: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{text(value)}</span>;

  const items: NonNullable<DescriptionsProps['items']> = [
    { key: 'name', label: t('contacts.fields.name'), children: contact.name },
    { key: 'number', label: t('contacts.fields.number'), children: contact.number },
    { key: 'organization', label: t('contacts.fields.organization'), children: <Link to={`/organizations/${contact.organization.id}`}>{contact.organization.name}</Link> },
    { key: 'title', label: t('contacts.fields.title'), children: text(contact.title) },
    { key: 'department', label: t('contacts.fields.department'), children: text(contact.department) },
    { key: 'gender', label: t('contacts.fields.gender'), children: contact.gender ? t(`contacts.genders.${contact.gender}`) : empty },
    { key: 'buyingRole', label: t('contacts.fields.buyingRole'), children: contact.buyingRole ? <BuyingRoleTag role={contact.buyingRole} /> : empty },
    { key: 'attitude', label: t('contacts.fields.attitude'), children: contact.attitude ? <AttitudeTag attitude={contact.attitude} /> : empty },
    {
      key: 'relationshipLevel',
      label: t('contacts.fields.relationshipLevel'),
      children: contact.relationshipLevel ? (
        <span>
          <RelationshipLevel level={contact.relationshipLevel} /> {t(`contacts.levels.${String(contact.relationshipLevel) as '1'}`)}
        </span>
      ) : (
        empty
      ),
    },
    { key: 'mobile', label: t('contacts.fields.mobile'), children: contact.mobile ? <a href={`tel:${contact.mobile}`}>{contact.mobile}</a> : empty },
    { key: 'phone', label: t('contacts.fields.phone'), children: contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : empty },
    { key: 'email', label: t('contacts.fields.email'), children: contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : empty },
    { key: 'wechat', label: t('contacts.fields.wechat'), children: text(contact.wechat) },
    { key: 'birthday', label: t('contacts.fields.birthday'), children: format.date(contact.birthday, empty) },
    { key: 'revisitOn', label: t('contacts.fields.revisitOn'), children: format.date(contact.revisitOn, empty) },
    { key: 'tags', label: t('contacts.fields.tags'), span: 'filled', children: contact.tags.length ? contact.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : empty },
    { key: 'hobbies', label: t('contacts.fields.hobbies'), span: 'filled', children: text(contact.hobbies) },
    { key: 'familyNotes', label: t('contacts.fields.familyNotes'), span: 'filled', children: multiline(contact.familyNotes) },
    { key: 'personalNotes', label: t('contacts.fields.personalNotes'), span: 'filled', children: multiline(contact.personalNotes) },
    ...customItems,
    { key: 'createdAt', label: t('contacts.fields.createdAt'), children: format.dateTime(contact.createdAt) },
    { key: 'updatedAt', label: t('contacts.fields.updatedAt'), children: format.dateTime(contact.updatedAt) },
  ];

  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} items={items} data-testid="contact-details" />;
};
