import { useState } from 'react';
import { Button, Card, Segmented, Table, Tag, Typography } from 'antd';
import { CheckOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { customFieldRecordTypes } from '@openpsm/contracts';
import type { CustomField, CustomFieldType } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { translateDynamic } from '../../lib/i18n';
import { useCustomFieldDefinitions } from '../../lib/reference-data';
import type { CustomFieldRecordType } from '../../lib/reference-data';
import { usePermission } from '../../lib/session';
import { CustomFieldFormDrawer } from './custom-field-form';

type Dialog = { field?: CustomField } | null;

const yes = (value: boolean) => (value ? <CheckOutlined style={{ color: '#389e0d' }} /> : null);

export const CustomFieldsPage = () => {
  const { t, i18n } = useTranslation();
  const [recordType, setRecordType] = useState<CustomFieldRecordType>('organization');
  const definitions = useCustomFieldDefinitions(recordType);
  const canEdit = usePermission('config.configure');
  const [dialog, setDialog] = useState<Dialog>(null);
  const nextSort = (definitions.data ?? []).reduce((max, field) => Math.max(max, field.sort), 0) + 10;

  if (definitions.isError) return <QueryErrorResult error={definitions.error} onRetry={() => void definitions.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('customFields.title')}
        subtitle={t('customFields.subtitle')}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
              {t('customFields.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        {customFieldRecordTypes.length > 1 && (
          <Segmented<CustomFieldRecordType>
            style={{ marginBottom: 12 }}
            value={recordType}
            onChange={setRecordType}
            options={customFieldRecordTypes.map((type) => ({ value: type, label: translateDynamic(`recordTypes.${type}`, type) }))}
          />
        )}
        <Table<CustomField>
          rowKey="id"
          size="middle"
          loading={definitions.isPending}
          dataSource={definitions.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('customFields.empty') }}
          columns={[
            { title: t('fields.customField.key'), dataIndex: 'key', render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
            { title: t('fields.customField.label'), key: 'label', render: (_, field) => (i18n.language === 'en' ? field.labelEn : field.labelZh) },
            { title: t('fields.customField.type'), dataIndex: 'type', render: (type: CustomFieldType) => <Tag>{t(`customFields.types.${type}`)}</Tag> },
            { title: t('fields.customField.options'), key: 'options', render: (_, field) => (field.options.length ? field.options.length : '') },
            { title: t('fields.customField.required'), dataIndex: 'required', align: 'center', render: yes },
            { title: t('fields.customField.showInList'), dataIndex: 'showInList', align: 'center', render: yes },
            { title: t('fields.customField.sort'), dataIndex: 'sort', align: 'right' },
            {
              title: t('fields.customField.active'),
              dataIndex: 'active',
              render: (active: boolean) => (active ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>),
            },
            ...(canEdit
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, field: CustomField) => (
                      <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setDialog({ field })} aria-label={t('common.edit')} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <CustomFieldFormDrawer open={dialog !== null} recordType={recordType} field={dialog?.field} nextSort={nextSort} onClose={() => setDialog(null)} />
    </>
  );
};
