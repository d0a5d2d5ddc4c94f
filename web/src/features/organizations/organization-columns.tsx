// The organisation list's columns, which of them the reader chose to see, and the chooser.
import { useMemo, useState } from 'react';
import { Button, Checkbox, Flex, Popover, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CustomField, Organization } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { useOptionLabeler } from '../../lib/reference-data';
import { customFieldLabel, renderCustomFieldValue } from '../../components/custom-fields/custom-field-format';
import { GradeTag, OrganizationTypeTag } from './organization-labels';

const STORAGE_KEY = 'psm.organizations.columns.v2';
const DEFAULT_VISIBLE = ['name', 'number', 'type', 'grade', 'industry', 'region', 'owner', 'updatedAt'];
/** Custom fields are only listed when an administrator marked them "show in list": shown until the user hides them. */
const visibleByDefault = (key: string) => DEFAULT_VISIBLE.includes(key) || key.startsWith('cf.');
/** The name identifies the row and links to it; it cannot be hidden. */
const FIXED = 'name';

type ColumnEntry = { key: string; title: string; column: TableColumnsType<Organization>[number] };

/**
 * The user's choice: the columns they keep and every column that existed when they chose. A column added
 * later (a new custom field) is not in `known`, so it follows its default instead of staying hidden.
 */
type ColumnChoice = { visible: string[]; known: string[] };

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

const readStored = (): ColumnChoice | null => {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<ColumnChoice> | null;
    return parsed && isStringList(parsed.visible) && isStringList(parsed.known) ? { visible: parsed.visible, known: parsed.known } : null;
  } catch {
    return null;
  }
};

export const useOrganizationColumns = (customFields: CustomField[], sortOrderOf: (field: string) => 'ascend' | 'descend' | null) => {
  const { t, i18n } = useTranslation();
  const labelOf = useOptionLabeler(i18n.language);
  const format = useFormat();
  const [choice, setChoice] = useState<ColumnChoice | null>(readStored);

  const entries = useMemo<ColumnEntry[]>(() => {
    const sortable = (field: string) => ({ sorter: true, sortOrder: sortOrderOf(field), sortDirections: ['ascend', 'descend'] as ('ascend' | 'descend')[] });
    const base: ColumnEntry[] = [
      {
        key: 'name',
        title: t('fields.organization.name'),
        column: {
          ...sortable('name'),
          fixed: 'left',
          width: 240,
          render: (_, organization) => (
            <Link to={`/organizations/${organization.id}`} onClick={(event) => event.stopPropagation()}>
              {organization.name}
            </Link>
          ),
        },
      },
      { key: 'number', title: t('fields.organization.number'), column: { ...sortable('number'), dataIndex: 'number', className: 'psm-nowrap' } },
      { key: 'type', title: t('fields.organization.type'), column: { ...sortable('type'), render: (_, organization) => <OrganizationTypeTag type={organization.type} /> } },
      { key: 'grade', title: t('fields.organization.grade'), column: { ...sortable('grade'), render: (_, organization) => <GradeTag grade={organization.grade} /> } },
      { key: 'shortName', title: t('fields.organization.shortName'), column: { dataIndex: 'shortName' } },
      { key: 'industry', title: t('fields.organization.industry'), column: { render: (_, organization) => labelOf('industry', organization.industry) } },
      { key: 'region', title: t('fields.organization.region'), column: { render: (_, organization) => labelOf('region', organization.region) } },
      { key: 'source', title: t('fields.organization.source'), column: { render: (_, organization) => labelOf('source', organization.source) } },
      { key: 'scale', title: t('fields.organization.scale'), column: { render: (_, organization) => labelOf('scale', organization.scale) } },
      { key: 'owner', title: t('fields.organization.owner'), column: { className: 'psm-nowrap', render: (_, organization) => organization.owner?.displayName ?? '—' } },
      { key: 'phone', title: t('fields.organization.phone'), column: { dataIndex: 'phone', className: 'psm-nowrap' } },
      { key: 'creditCode', title: t('fields.organization.creditCode'), column: { dataIndex: 'creditCode', className: 'psm-nowrap' } },
      {
        key: 'tags',
        title: t('fields.organization.tags'),
        column: { render: (_, organization) => organization.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
      },
      { key: 'createdAt', title: t('fields.common.createdAt'), column: { ...sortable('createdAt'), className: 'psm-nowrap', render: (_, organization) => format.dateTime(organization.createdAt) } },
      { key: 'updatedAt', title: t('fields.common.updatedAt'), column: { ...sortable('updatedAt'), className: 'psm-nowrap', render: (_, organization) => format.dateTime(organization.updatedAt) } },
    ];
    const custom: ColumnEntry[] = customFields
      .filter((field) => field.active && field.showInList)
      .map((field) => ({
        key: `cf.${field.key}`,
        title: customFieldLabel(field, i18n.language),
        column: { render: (_, organization) => renderCustomFieldValue(field, organization.customFields[field.key], format, '') },
      }));
    return [...base, ...custom];
  }, [customFields, format, i18n.language, labelOf, sortOrderOf, t]);

  const visible = entries
    .map((entry) => entry.key)
    .filter((key) => key === FIXED || (choice?.known.includes(key) ? choice.visible.includes(key) : visibleByDefault(key)));

  const choose = (keys: string[]) => {
    const next: ColumnChoice = { visible: keys.includes(FIXED) ? keys : [FIXED, ...keys], known: entries.map((entry) => entry.key) };
    setChoice(next);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  };

  const columns: TableColumnsType<Organization> = entries
    .filter((entry) => entry.key === FIXED || visible.includes(entry.key))
    .map((entry) => ({ ...entry.column, key: entry.key, title: entry.title }));

  return { columns, entries, visible, choose, reset: () => choose(entries.map((entry) => entry.key).filter(visibleByDefault)) };
};

type ColumnChooserProps = {
  entries: { key: string; title: string }[];
  visible: string[];
  onChange: (keys: string[]) => void;
  onReset: () => void;
};

export const ColumnChooser = ({ entries, visible, onChange, onReset }: ColumnChooserProps) => {
  const { t } = useTranslation();
  const content = (
    <Flex vertical gap={8} style={{ maxHeight: 360, overflowY: 'auto', minWidth: 180 }}>
      <Checkbox.Group value={visible} onChange={(keys) => onChange(keys.map(String))}>
        <Space orientation="vertical" size={4}>
          {entries.map((entry) => (
            <Checkbox key={entry.key} value={entry.key} disabled={entry.key === FIXED}>
              {entry.title}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      <Button size="small" type="link" onClick={onReset} style={{ alignSelf: 'flex-start', padding: 0 }}>
        {t('common.resetColumns')}
      </Button>
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={<Typography.Text strong>{t('common.columns')}</Typography.Text>} content={content}>
      <Button icon={<SettingOutlined />} aria-label={t('common.columns')}>
        {t('common.columns')}
      </Button>
    </Popover>
  );
};
