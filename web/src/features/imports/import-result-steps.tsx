// Steps 3 and 4 of an import: the preview (counts and problem rows), then the run with its progress and result.
import { useState } from 'react';
import { Alert, Button, Col, Flex, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportRowProblem } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { translateDynamic } from '../../lib/i18n';
import { isImportActive, reportUrl, useCancelImport, useImportProblems, useRunImport } from './imports.api';

const problemText = (problem: ImportRowProblem['problems'][number], labelOf: (field: string) => string) => {
  const text = translateDynamic(`imports.problemCodes.${problem.code}`, problem.code, { row: problem.message ?? '' });
  return problem.field === 'row' ? text : `${labelOf(problem.field)}: ${text}`;
};

export const ProblemRowsTable = ({ job }: { job: ImportJob }) => {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const problems = useImportProblems(job.id, page, true);
  const zh = i18n.language === 'zh-CN';
  const labels = new Map(job.fields.map((field) => [field.key, zh ? field.labelZh : field.labelEn]));
  const labelOf = (field: string) => labels.get(field) ?? field;
  return (
    <Table<ImportRowProblem>
      rowKey={(row) => `${row.rowNumber}-${row.kind}`}
      size="small"
      scroll={{ x: 'max-content' }}
      loading={problems.isFetching}
      dataSource={problems.data?.items}
      locale={{ emptyText: t('imports.noProblems') }}
      pagination={{ current: page, pageSize: 10, total: problems.data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small' }}
      onRow={() => ({ 'data-testid': 'import-problem-row' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('imports.row'), dataIndex: 'rowNumber', width: 64 },
        { title: t('imports.kind'), dataIndex: 'kind', width: 72, render: (kind: ImportRowProblem['kind']) => <Tag color={kind === 'error' ? 'red' : 'orange'}>{t(`imports.kinds.${kind}`)}</Tag> },
        { title: t('imports.problems'), key: 'problems', render: (_, row) => row.problems.map((problem) => problemText(problem, labelOf)).join('；') },
        {
          title: t('imports.values'),
          key: 'values',
          render: (_, row) => (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
              {Object.values(row.values).filter(Boolean).join(' · ')}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
};

export const ImportPreviewStep = ({ job, onBack }: { job: ImportJob; onBack: () => void }) => {
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
  const run = useRunImport(job.id);
  const preview = job.preview;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={12} sm={6}><Statistic title={t('imports.counts.total')} value={job.totalRows} /></Col>
        <Col xs={12} sm={6}><Statistic title={t('imports.counts.valid')} value={preview?.validRows ?? 0} valueStyle={{ color: '#389e0d' }} /></Col>
        <Col xs={12} sm={6}><Statistic title={t('imports.counts.errors')} value={preview?.errorRows ?? 0} valueStyle={{ color: '#cf1322' }} data-testid="import-preview-errors" /></Col>
        <Col xs={12} sm={6}><Statistic title={t('imports.counts.duplicates')} value={preview?.duplicateRows ?? 0} valueStyle={{ color: '#d46b08' }} /></Col>
      </Row>
      <Typography.Title level={5}>{t('imports.problemRows')}</Typography.Title>
      <ProblemRowsTable job={job} />
      <Alert type="info" showIcon message={t('imports.startHelp')} />
      <Flex justify="space-between" wrap gap={8}>
        <Button onClick={onBack}>{t('imports.back')}</Button>
        <Button type="primary" loading={run.isPending} onClick={() => run.mutate(undefined, { onError: (error) => handleError(error) })} data-testid="import-start">
          {t('imports.start')}
        </Button>
      </Flex>
    </Flex>
  );
};

export const ImportRunStep = ({ job, onAnother }: { job: ImportJob; onAnother: () => void }) => {
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
  const cancel = useCancelImport(job.id);
  const run = useRunImport(job.id);
  const active = isImportActive(job.status);
  const percent = job.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : 0;
  const status = job.status === 'failed' ? 'exception' : job.status === 'completed' ? 'success' : active ? 'active' : 'normal';
  return (
    <Flex vertical gap={16} data-testid="import-run">
      <Progress percent={percent} status={status} data-testid="import-progress" />
      {job.status === 'queued' && <Typography.Text type="secondary">{t('imports.queued')}</Typography.Text>}
      {job.status === 'running' && <Typography.Text type="secondary">{t('imports.running')}</Typography.Text>}
      {job.status === 'completed' && <Alert type="success" showIcon message={t('imports.completed')} data-testid="import-completed" />}
      {job.status === 'cancelled' && <Alert type="warning" showIcon message={t('imports.cancelled')} />}
      {job.status === 'failed' && <Alert type="error" showIcon message={t('imports.failed', { error: job.error ?? '' })} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} sm={6}><Statistic title={t('imports.counts.processed')} value={job.processedRows} suffix={`/ ${job.totalRows}`} /></Col>
        <Col xs={12} sm={6}><Statistic title={t('imports.counts.created')} value={job.createdRows} data-testid="import-created" /></Col>
        <Col xs={12} sm={6}><Statistic title={t('imports.counts.updated')} value={job.updatedRows} /></Col>
        <Col xs={12} sm={6}><Statistic title={t('imports.counts.skipped')} value={job.skippedRows} /></Col>
        <Col xs={12} sm={6}><Statistic title={t('imports.counts.errors')} value={job.errorRows} valueStyle={job.errorRows ? { color: '#cf1322' } : undefined} /></Col>
      </Row>
      {!active && (job.errorRows > 0 || job.skippedRows > 0) && <ProblemRowsTable job={job} />}
      <Space wrap>
        {active && (
          <Button danger loading={cancel.isPending} onClick={() => cancel.mutate(undefined, { onError: (error) => handleError(error) })}>
            {t('imports.cancel')}
          </Button>
        )}
        {!active && (job.errorRows > 0 || job.skippedRows > 0) && (
          <Button icon={<DownloadOutlined />} href={reportUrl(job.id)} data-testid="import-report">
            {t('imports.downloadReport')}
          </Button>
        )}
        {(job.status === 'failed' || job.status === 'cancelled') && (
          <Button type="primary" loading={run.isPending} onClick={() => run.mutate(undefined, { onError: (error) => handleError(error) })}>
            {t('imports.resume')}
          </Button>
        )}
        {!active && <Button onClick={onAnother}>{t('imports.another')}</Button>}
      </Space>
    </Flex>
  );
};
