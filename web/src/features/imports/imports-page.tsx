// /imports: the import wizard (upload → map columns → preview → run) and the list of my imports.
import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Select, Spin, Steps, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { importRecordTypes, type ImportJob, type ImportJobSummary, type ImportRecordType } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { isApiError } from '../../lib/api-client';
import { translateDynamic } from '../../lib/i18n';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { ImportMappingStep } from './import-mapping-step';
import { ImportPreviewStep, ImportRunStep } from './import-result-steps';
import { useImport, useImports, useUploadImport } from './imports.api';

const statusColors: Record<ImportJob['status'], string> = {
  uploaded: 'default',
  previewed: 'blue',
  queued: 'processing',
  running: 'processing',
  completed: 'success',
  failed: 'error',
  cancelled: 'warning',
};

const UploadStep = ({ initialType, onUploaded }: { initialType: ImportRecordType | null; onUploaded: (job: ImportJob) => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const canOrganizations = usePermission('organization.import');
  const canContacts = usePermission('contact.import');
  const types: ImportRecordType[] = [...(canOrganizations ? (['organization'] as const) : []), ...(canContacts ? (['contact'] as const) : [])];
  // The list a user came from (?type=contact) decides what the file holds; the choice stays open.
  const [recordType, setRecordType] = useState<ImportRecordType>(initialType && types.includes(initialType) ? initialType : (types[0] ?? 'organization'));
  const upload = useUploadImport();
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('imports.recordType')}</Typography.Text>
        <Select<ImportRecordType>
          value={recordType}
          onChange={setRecordType}
          style={{ minWidth: 160 }}
          data-testid="import-record-type"
          options={types.map((type) => ({ value: type, label: t(`imports.recordTypes.${type}`) }))}
        />
      </Flex>
      <Spin spinning={upload.isPending} tip={t('imports.uploading')}>
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={types.length === 0}
          customRequest={({ file }) => {
            upload.mutate(
              { recordType, file: file as File },
              {
                onSuccess: onUploaded,
                onError: (error) => {
                  const code = isApiError(error) ? error.fieldErrors[0]?.code : undefined;
                  if (code) void message.error(translateDynamic(`imports.errorCodes.${code}`, code));
                  else handleError(error);
                },
              },
            );
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('imports.dropTitle')}</p>
          <p className="ant-upload-hint">{t('imports.dropHint')}</p>
        </Upload.Dragger>
      </Spin>
    </Flex>
  );
};

const stepOf = (job: ImportJob | undefined, mapping: boolean): number => {
  if (!job) return 0;
  if (job.status === 'uploaded' || mapping) return 1;
  if (job.status === 'previewed') return 2;
  return 3;
};

const ImportWizard = ({ jobId, initialType, onJob }: { jobId: string | null; initialType: ImportRecordType | null; onJob: (id: string | null) => void }) => {
  const { t } = useTranslation();
  const job = useImport(jobId);
  const [editingMapping, setEditingMapping] = useState(false);
  const current = stepOf(job.data, editingMapping);
  if (jobId && job.isError) return <QueryErrorResult error={job.error} onRetry={() => void job.refetch()} />;
  if (jobId && !job.data) return <Spin />;
  return (
    <Flex vertical gap={24}>
      <Steps
        size="small"
        current={current}
        responsive
        items={(['upload', 'mapping', 'preview', 'run'] as const).map((step) => ({ title: t(`imports.steps.${step}`) }))}
      />
      {job.data && (
        <Typography.Text type="secondary">{t('imports.fileSummary', { file: job.data.fileName, rows: job.data.totalRows })}</Typography.Text>
      )}
      {current === 0 && <UploadStep initialType={initialType} onUploaded={(uploaded) => onJob(uploaded.id)} />}
      {current === 1 && job.data && <ImportMappingStep key={job.data.version} job={job.data} onPreviewed={() => setEditingMapping(false)} />}
      {current === 2 && job.data && <ImportPreviewStep job={job.data} onBack={() => setEditingMapping(true)} />}
      {current === 3 && job.data && <ImportRunStep job={job.data} onAnother={() => onJob(null)} />}
    </Flex>
  );
};

const MyImports = ({ onOpen }: { onOpen: (id: string) => void }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const imports = useImports(page);
  if (imports.isError) return <QueryErrorResult error={imports.error} onRetry={() => void imports.refetch()} />;
  return (
    <Table<ImportJobSummary>
      rowKey="id"
      size="small"
      scroll={{ x: 'max-content' }}
      loading={imports.isPending}
      dataSource={imports.data?.items}
      locale={{ emptyText: <Empty description={t('imports.empty')} /> }}
      pagination={{ current: page, pageSize: 10, total: imports.data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small' }}
      onRow={() => ({ 'data-testid': 'import-list-row' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('imports.file'), dataIndex: 'fileName', render: (name: string, row) => <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(row.id)}>{name}</Button> },
        { title: t('imports.recordType'), dataIndex: 'recordType', render: (type: ImportRecordType) => t(`imports.recordTypes.${type}`) },
        { title: t('fields.common.status'), dataIndex: 'status', render: (status: ImportJob['status']) => <Tag color={statusColors[status]}>{t(`imports.status.${status}`)}</Tag> },
        { title: t('imports.counts.total'), dataIndex: 'totalRows' },
        { title: t('imports.counts.created'), dataIndex: 'createdRows' },
        { title: t('imports.counts.updated'), dataIndex: 'updatedRows' },
        { title: t('imports.counts.errors'), dataIndex: 'errorRows' },
        { title: t('imports.createdAt'), dataIndex: 'createdAt', className: 'psm-nowrap', render: (at: string) => format.dateTime(at) },
      ]}
    />
  );
};

export const ImportsPage = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const type = params.get('type');
  const initialType = importRecordTypes.find((recordType) => recordType === type) ?? null;
  // The record type stays in the address, so "new import" after a contacts import is a contacts import again.
  const openJob = (id: string | null) => setParams({ ...(id ? { job: id } : {}), ...(initialType ? { type: initialType } : {}) });
  return (
    <>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        extra={jobId && <Button onClick={() => openJob(null)}>{t('imports.newImport')}</Button>}
      />
      <Flex vertical gap={16}>
        <Card>
          <ImportWizard key={jobId ?? 'new'} jobId={jobId} initialType={initialType} onJob={openJob} />
        </Card>
        <Card title={t('imports.myImports')} styles={{ body: { padding: 8 } }}>
          <MyImports onOpen={(id) => openJob(id)} />
        </Card>
      </Flex>
    </>
  );
};
