// Shown when the server flags a possible duplicate: the reader compares and may save anyway.
import { Alert, Modal, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

type Candidate = { id?: string; name?: string; creditCode?: string | null; ownerName?: string | null; owner?: { displayName: string } | null; reason?: string; score?: number };

const asCandidate = (value: unknown): Candidate => (value && typeof value === 'object' ? (value as Candidate) : { name: String(value) });

type DuplicateCandidatesModalProps = {
  candidates: unknown[] | null;
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

export const DuplicateCandidatesModal = ({ candidates, saving, onConfirm, onCancel }: DuplicateCandidatesModalProps) => {
  const { t } = useTranslation();
  const rows = (candidates ?? []).map(asCandidate);
  return (
    <Modal
      open={candidates !== null}
      title={t('organizations.duplicateTitle')}
      okText={t('organizations.saveAnyway')}
      cancelText={t('organizations.goBack')}
      okButtonProps={{ danger: true, 'data-testid': 'org-confirm-duplicate' }}
      confirmLoading={saving}
      onOk={onConfirm}
      onCancel={onCancel}
      width={640}
    >
      <Alert type="warning" showIcon title={t('errors.duplicate_organization')} style={{ marginBottom: 12 }} />
      <Table<Candidate>
        size="small"
        rowKey={(row) => row.id ?? row.name ?? ''}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 480 }}
        columns={[
          {
            title: t('fields.organization.name'),
            key: 'name',
            render: (_, row) =>
              row.id ? (
                <a href={`/organizations/${row.id}`} target="_blank" rel="noreferrer">
                  {row.name}
                </a>
              ) : (
                row.name
              ),
          },
          {
            title: t('organizations.duplicateReason'),
            key: 'reason',
            render: (_, row) =>
              row.reason === 'credit_code' ? (
                <Tag color="red">{t('organizations.sameCreditCode')}</Tag>
              ) : (
                <Tag color="orange">{t('organizations.similarName', { score: Math.round((row.score ?? 0) * 100) })}</Tag>
              ),
          },
          { title: t('fields.organization.creditCode'), dataIndex: 'creditCode' },
          { title: t('fields.organization.owner'), key: 'owner', render: (_, row) => row.owner?.displayName ?? row.ownerName ?? '—' },
        ]}
      />
    </Modal>
  );
};
