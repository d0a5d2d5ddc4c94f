// Shown when the server flags a possible duplicate contact: the reader compares and may save anyway.
import type { ButtonProps } from 'antd';
import { Alert, Modal, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContactDuplicateCandidate } from '@openpsm/contracts';

type ContactDuplicatesModalProps = {
  candidates: ContactDuplicateCandidate[] | null;
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

const reasonColor = { mobile: 'red', email: 'red', name: 'orange' } as const;

export const ContactDuplicatesModal = ({ candidates, saving, onConfirm, onCancel }: ContactDuplicatesModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal
      open={candidates !== null}
      title={t('contacts.duplicateTitle')}
      okText={t('contacts.saveAnyway')}
      cancelText={t('contacts.goBack')}
      okButtonProps={{ danger: true, 'data-testid': 'contact-confirm-duplicate' } as ButtonProps}
      confirmLoading={saving}
      onOk={onConfirm}
      onCancel={onCancel}
      width={680}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('contacts.duplicateHint')} style={{ marginBottom: 12 }} />
      <Table<ContactDuplicateCandidate>
        size="small"
        rowKey="id"
        dataSource={candidates ?? []}
        pagination={false}
        scroll={{ x: 520 }}
        data-testid="contact-duplicate-candidates"
        columns={[
          {
            title: t('contacts.fields.name'),
            key: 'name',
            render: (_, row) => (
              <a href={`/contacts/${row.id}`} target="_blank" rel="noreferrer">
                {row.name}
              </a>
            ),
          },
          { title: t('contacts.fields.organization'), dataIndex: 'organizationName' },
          {
            title: t('contacts.duplicateReason'),
            key: 'reason',
            render: (_, row) => <Tag color={reasonColor[row.reason]}>{t(`contacts.reasons.${row.reason}`)}</Tag>,
          },
          { title: t('contacts.fields.mobile'), dataIndex: 'mobile', render: (value: string | null) => value ?? '—' },
          { title: t('contacts.fields.email'), dataIndex: 'email', render: (value: string | null) => value ?? '—' },
        ]}
      />
    </Modal>
  );
};
