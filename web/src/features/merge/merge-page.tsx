// Merge two organisations or two contacts (CUS-3): both side by side, a choice per differing field, one confirmation.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Radio, Table, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MergeChoice } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { NotFoundResult, PageSkeleton, QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useMergeRecord, useMergeRecords, type MergeKind, type MergeRecord } from './merge.api';
import { displayValue, fieldLabel, isEmptyValue, mergeFieldsOf, rawValue } from './merge-fields';

type Row = { field: string; label: string };

const sameValue = (left: unknown, right: unknown) => JSON.stringify(left ?? null) === JSON.stringify(right ?? null) || (isEmptyValue(left) && isEmptyValue(right));

export const MergePage = () => {
  const { t } = useTranslation();
  const { kind: kindParam } = useParams();
  const kind: MergeKind | null = kindParam === 'organization' || kindParam === 'contact' ? kindParam : null;
  const [searchParams] = useSearchParams();
  const keepId = searchParams.get('keep') ?? '';
  const mergeId = searchParams.get('merge') ?? '';
  if (!kind) return <NotFoundResult />;
  if (!keepId || !mergeId) return <Alert type="error" showIcon title={t('merge.missing')} />;
  return <MergeRecords key={`${keepId}:${mergeId}`} kind={kind} keepId={keepId} mergeId={mergeId} />;
};

const MergeRecords = ({ kind, keepId, mergeId }: { kind: MergeKind; keepId: string; mergeId: string }) => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const handleError = useApiErrorHandler();
  const keep = useMergeRecord(kind, keepId);
  const merged = useMergeRecord(kind, mergeId);
  const mergeRecords = useMergeRecords(kind);
  const [choices, setChoices] = useState<Record<string, MergeChoice>>({});
  const path = kind === 'organization' ? 'organizations' : 'contacts';

  const rows = useMemo<Row[]>(() => {
    if (!keep.data || !merged.data) return [];
    return mergeFieldsOf(kind)
      .filter((field) => !sameValue(rawValue(kind, keep.data, field), rawValue(kind, merged.data, field)))
      .map((field) => ({ field, label: fieldLabel(kind, field) }));
  }, [kind, keep.data, merged.data]);

  if (keep.isPending || merged.isPending) return <PageSkeleton />;
  if (keep.isError) return <QueryErrorResult error={keep.error} onRetry={() => void keep.refetch()} />;
  if (merged.isError) return <QueryErrorResult error={merged.error} onRetry={() => void merged.refetch()} />;
  const keepRecord = keep.data;
  const mergedRecord = merged.data;
  if (keepId === mergeId) return <Alert type="error" showIcon title={t('merge.sameRecord')} />;
  const locked = [keepRecord, mergedRecord].some((record) => 'lockedBy' in record && record.lockedBy);

  // Unless chosen, a field keeps the kept record's value — or takes the other's when the kept one is empty.
  const choiceOf = (field: string): MergeChoice =>
    choices[field] ?? (isEmptyValue(rawValue(kind, keepRecord, field)) && !isEmptyValue(rawValue(kind, mergedRecord, field)) ? 'merge' : 'keep');
  const setAll = (choice: MergeChoice) => setChoices(Object.fromEntries(rows.map((row) => [row.field, choice])));
  const nameOf = (record: MergeRecord) => record.name;

  const submit = () =>
    modal.confirm({
      title: t('merge.confirmTitle'),
      content: t('merge.confirmBody', { merged: nameOf(mergedRecord), keep: nameOf(keepRecord) }),
      okText: t('merge.submit'),
      okButtonProps: { danger: true, 'data-testid': 'merge-confirm' } as ButtonProps,
      onOk: () =>
        mergeRecords
          .mutateAsync({
            keepId,
            mergeId,
            fields: Object.fromEntries(rows.map((row) => [row.field, choiceOf(row.field)])),
            keepVersion: keepRecord.version,
            mergeVersion: mergedRecord.version,
          })
          .then((result) => {
            const count = Object.values(result.moved).reduce((sum, value) => sum + value, 0);
            void message.success(t('merge.done', { count }));
            void navigate(`/${path}/${result.keptId}?tab=history`);
          })
          .catch((error: unknown) => handleError(error, { recordType: kind, onReload: () => void Promise.all([keep.refetch(), merged.refetch()]) })),
    });

  const valueCell = (record: MergeRecord, field: string) => displayValue(kind, record, field, t) ?? <Typography.Text type="secondary">{t('merge.empty')}</Typography.Text>;
  const side = (choice: MergeChoice, record: MergeRecord) => ({
    title: (
      <Flex vertical>
        <span>{choice === 'keep' ? t('merge.keep') : t('merge.merged')}</span>
        <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
          {record.number} {record.name}
        </Typography.Text>
      </Flex>
    ),
    key: choice,
    render: (_: unknown, row: Row) => (
      <Radio checked={choiceOf(row.field) === choice} onChange={() => setChoices((current) => ({ ...current, [row.field]: choice }))} data-testid={`merge-${choice}-${row.field}`}>
        {valueCell(record, row.field)}
      </Radio>
    ),
  });

  return (
    <>
      <PageHeader
        backTo={`/${path}/${keepId}`}
        title={kind === 'organization' ? t('merge.title') : t('merge.contactTitle')}
        extra={
          <>
            <Button icon={<SwapOutlined />} onClick={() => void navigate(`/merge/${kind}?keep=${mergeId}&merge=${keepId}`, { replace: true })} data-testid="merge-swap">
              {t('merge.swap')}
            </Button>
            <Button type="primary" danger disabled={locked} loading={mergeRecords.isPending} onClick={submit} data-testid="merge-submit">
              {t('merge.submit')}
            </Button>
          </>
        }
      />
      <Alert type="info" showIcon title={t('merge.help')} style={{ marginBottom: 16 }} />
      {locked && <Alert type="warning" showIcon title={t('merge.lockedHint')} style={{ marginBottom: 16 }} />}
      <Card
        extra={
          <Flex gap={8} wrap>
            <Button size="small" onClick={() => setAll('keep')}>
              {t('merge.useAllKeep')}
            </Button>
            <Button size="small" onClick={() => setAll('merge')}>
              {t('merge.useAllMerged')}
            </Button>
          </Flex>
        }
      >
        {rows.length === 0 ? (
          <Empty description={t('merge.empty')} />
        ) : (
          <Table<Row>
            rowKey="field"
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 560 }}
            data-testid="merge-fields"
            columns={[
              { title: t('merge.field'), dataIndex: 'label', key: 'label', width: 140 },
              side('keep', keepRecord),
              side('merge', mergedRecord),
            ]}
          />
        )}
        {rows.some((row) => row.field === 'customFields') && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('merge.customFieldsHelp')}
          </Typography.Paragraph>
        )}
      </Card>
    </>
  );
};
