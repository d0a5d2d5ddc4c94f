// Shown when the server refuses a save as a likely duplicate (409): saving needs an explicit confirmation.
import { Alert, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { asCandidates, DuplicateCandidatesTable } from './duplicate-candidates-table';

type DuplicateCandidatesModalProps = {
  candidates: unknown[] | null;
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

export const DuplicateCandidatesModal = ({ candidates, saving, onConfirm, onCancel }: DuplicateCandidatesModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal
      open={candidates !== null}
      title={t('duplicates.modalTitle')}
      okText={t('duplicates.confirmSave')}
      cancelText={t('duplicates.goBack')}
      okButtonProps={{ danger: true, 'data-testid': 'org-confirm-duplicate' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'org-cancel-duplicate' } as ButtonProps}
      confirmLoading={saving}
      onOk={onConfirm}
      onCancel={onCancel}
      width={720}
    >
      <Alert type="warning" showIcon title={t('errors.duplicate_organization')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph type="secondary">{t('duplicates.modalHelp')}</Typography.Paragraph>
      <DuplicateCandidatesTable candidates={asCandidates(candidates)} testId="org-duplicate-modal-candidates" />
    </Modal>
  );
};
