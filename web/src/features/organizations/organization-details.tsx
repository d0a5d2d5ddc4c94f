import { Descriptions, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { useOptionLabeler } from '../../lib/reference-data';
import { canSeeProtectedField, useCurrentUser } from '../../lib/session';
import { useCustomFieldDescriptionItems } from '../../components/custom-fields/custom-field-values';
import { GradeTag, OrganizationTypeTag } from './organization-labels';

const safeWebsite = (url: string) => (/^https?:\/\//i.test(url) ? url : `https://${url}`);

export const OrganizationDetails = ({ organization }: { organization: Organization }) => {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const format = useFormat();
  const labelOf = useOptionLabeler(i18n.language);
  const customItems = useCustomFieldDescriptionItems('organization', organization.customFields);
  const empty = t('common.empty');
  const text = (value: string | null | undefined) => value || empty;

  const items: NonNullable<DescriptionsProps['items']> = [
    { key: 'name', label: t('fields.organization.name'), children: organization.name },
    { key: 'shortName', label: t('fields.organization.shortName'), children: text(organization.shortName) },
    { key: 'number', label: t('fields.organization.number'), children: organization.number },
    { key: 'type', label: t('fields.organization.type'), children: <OrganizationTypeTag type={organization.type} /> },
    { key: 'grade', label: t('fields.organization.grade'), children: organization.grade ? <GradeTag grade={organization.grade} /> : empty },
    { key: 'creditCode', label: t('fields.organization.creditCode'), children: organization.creditCode ? <Typography.Text copyable>{organization.creditCode}</Typography.Text> : empty },
    { key: 'industry', label: t('fields.organization.industry'), children: text(labelOf('industry', organization.industry)) },
    { key: 'region', label: t('fields.organization.region'), children: text(labelOf('region', organization.region)) },
    { key: 'source', label: t('fields.organization.source'), children: text(labelOf('source', organization.source)) },
    { key: 'scale', label: t('fields.organization.scale'), children: text(labelOf('scale', organization.scale)) },
    ...(canSeeProtectedField(user, 'organization.creditRating')
      ? [{ key: 'creditRating', label: t('fields.organization.creditRating'), children: text(labelOf('credit_rating', organization.creditRating)) }]
      : []),
    { key: 'owner', label: t('fields.organization.owner'), children: organization.owner?.displayName ?? empty },
    { key: 'phone', label: t('fields.organization.phone'), children: organization.phone ? <a href={`tel:${organization.phone}`}>{organization.phone}</a> : empty },
    {
      key: 'website',
      label: t('fields.organization.website'),
      children: organization.website ? (
        <a href={safeWebsite(organization.website)} target="_blank" rel="noreferrer noopener">
          {organization.website}
        </a>
      ) : (
        empty
      ),
    },
    { key: 'address', label: t('fields.organization.address'), span: 'filled', children: text(organization.address) },
    {
      key: 'tags',
      label: t('fields.organization.tags'),
      span: 'filled',
      children: organization.tags.length ? organization.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : empty,
    },
    { key: 'notes', label: t('fields.organization.notes'), span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{text(organization.notes)}</span> },
    ...customItems,
    { key: 'createdAt', label: t('fields.common.createdAt'), children: format.dateTime(organization.createdAt) },
    { key: 'updatedAt', label: t('fields.common.updatedAt'), children: format.dateTime(organization.updatedAt) },
  ];

  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} items={items} />;
};
