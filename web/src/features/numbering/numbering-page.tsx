import { useState } from 'react';
import { Button, Card, Table, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { translateDynamic } from '../../lib/i18n';
import { usePermission } from '../../lib/session';
import { useNumberingRules } from './numbering.api';
import type { NumberingReset, NumberingRule } from './numbering.api';
import { NumberingFormModal } from './numbering-form';

export const NumberingPage = () => {
  const { t } = useTranslation();
  const rules = useNumberingRules();
  const canEdit = usePermission('config.configure');
  const [editing, setEditing] = useState<NumberingRule | null>(null);

  if (rules.isError) return <QueryErrorResult error={rules.error} onRetry={() => void rules.refetch()} />;

  return (
    <>
      <PageHeader title={t('numbering.title')} subtitle={t('numbering.subtitle')} />
      <Card styles={{ body: { padding: 16 } }}>
        <Table<NumberingRule>
          rowKey="id"
          size="middle"
          loading={rules.isPending}
          dataSource={rules.data}
          pagination={false}
          scroll={{ x: 560 }}
          columns={[
            { title: t('fields.numbering.recordType'), dataIndex: 'recordType', render: (type: string) => translateDynamic(`recordTypes.${type}`, type) },
            { title: t('fields.numbering.pattern'), dataIndex: 'pattern', render: (pattern: string) => <Typography.Text code>{pattern}</Typography.Text> },
            { title: t('fields.numbering.reset'), dataIndex: 'reset', render: (reset: NumberingReset) => t(`numbering.resets.${reset}`) },
            { title: t('fields.numbering.preview'), dataIndex: 'preview', render: (preview: string) => <Typography.Text strong>{preview}</Typography.Text> },
            ...(canEdit
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_: unknown, rule: NumberingRule) => (
                      <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(rule)} aria-label={t('common.edit')} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <NumberingFormModal rule={editing} onClose={() => setEditing(null)} />
    </>
  );
};
