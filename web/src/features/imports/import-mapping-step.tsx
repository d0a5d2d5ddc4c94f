// Step 2 of an import: each file column to a field (required ones marked), and what to do with duplicates.
import { useState } from 'react';
import { Alert, Button, Flex, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicateAction, ImportJob } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { currentLocale } from '../../lib/i18n';
import { usePreviewImport, useSetImportMapping } from './imports.api';

type Props = { job: ImportJob; onPreviewed: () => void };

export const ImportMappingStep = ({ job, onPreviewed }: Props) => {
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
  const [mapping, setMapping] = useState<Record<string, string>>(job.mapping);
  const [duplicateAction, setDuplicateAction] = useState<DuplicateAction>(job.duplicateAction);
  const saveMapping = useSetImportMapping(job.id);
  const preview = usePreviewImport(job.id);
  const zh = currentLocale() === 'zh-CN';
  const labelOf = (field: ImportJob['fields'][number]) => (zh ? field.labelZh : field.labelEn);

  const used = new Set(Object.values(mapping).filter(Boolean));
  const missing = job.fields.filter((field) => field.required && !used.has(field.key));
  const options = job.fields.map((field) => ({ value: field.key, label: `${labelOf(field)}${field.required ? ' *' : ''}` }));

  const submit = async () => {
    try {
      await saveMapping.mutateAsync({ mapping, duplicateAction, version: job.version });
      await preview.mutateAsync(undefined);
      onPreviewed();
    } catch (error) {
      handleError(error);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('imports.mappingHelp')}</Typography.Text>
      {job.mappingSource === 'remembered' && <Alert type="success" showIcon message={t('imports.mappingRemembered')} />}
      {job.mappingSource === 'aliases' && <Alert type="info" showIcon message={t('imports.mappingGuessed')} />}
      <Table
        rowKey="header"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={job.headers.map((header) => ({ header }))}
        columns={[
          { title: t('imports.column'), dataIndex: 'header', render: (header: string) => <Typography.Text strong>{header}</Typography.Text> },
          {
            title: t('imports.field'),
            key: 'field',
            render: (_, { header }) => (
              <Select
                allowClear
                style={{ minWidth: 200 }}
                placeholder={t('imports.notImported')}
                value={mapping[header] || undefined}
                options={options.map((option) => ({ ...option, disabled: used.has(option.value) && mapping[header] !== option.value }))}
                onChange={(value: string | undefined) => setMapping((current) => ({ ...current, [header]: value ?? '' }))}
                data-testid={`import-map-${header}`}
                showSearch
                optionFilterProp="label"
              />
            ),
          },
        ]}
      />
      {missing.length > 0 && <Alert type="warning" showIcon message={t('imports.requiredMissing', { fields: missing.map(labelOf).join('、') })} />}
      <div>
        <Typography.Title level={5}>{t('imports.duplicateAction')}</Typography.Title>
        <Radio.Group value={duplicateAction} onChange={(event) => setDuplicateAction(event.target.value as DuplicateAction)} data-testid="import-duplicate-action">
          <Space direction="vertical">
            {(['skip', 'update', 'create'] as const).map((action) => (
              <Radio key={action} value={action} data-testid={`import-duplicate-${action}`}>
                {t(`imports.duplicateActions.${action}`)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          <Tag>{t('imports.kinds.duplicate')}</Tag>
          {t(job.recordType === 'contact' ? 'imports.duplicateHelpContact' : 'imports.duplicateHelp')}
        </Typography.Paragraph>
      </div>
      <Flex justify="flex-end">
        <Button type="primary" disabled={missing.length > 0} loading={saveMapping.isPending || preview.isPending} onClick={() => void submit()} data-testid="import-preview">
          {preview.isPending ? t('imports.previewing') : t('imports.runPreview')}
        </Button>
      </Flex>
    </Flex>
  );
};
