// Pieces both tie lists share: removing a tie with an optional note, the other end as a link, error messages.
import { useCallback, useState } from 'react';
import { App, Button, Input, Popconfirm, Tooltip, Typography } from 'antd';
import type { ButtonProps, FormInstance } from 'antd';
import { DeleteOutlined, LockOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TieEnd } from '@openpsm/contracts';
import { isApiError } from '../../lib/api-client';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { nodeHref } from './graph-styles';

export const RemoveTieButton = ({ onRemove, testId }: { onRemove: (note: string | undefined) => Promise<unknown>; testId?: string }) => {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <Popconfirm
      title={t('relationships.ties.removeTitle')}
      description={<Input.TextArea value={note} onChange={(event) => setNote(event.target.value)} placeholder={t('relationships.ties.removeNote')} maxLength={500} autoSize={{ minRows: 2 }} style={{ width: 240 }} />}
      okText={t('relationships.ties.remove')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': testId ? `${testId}-confirm` : undefined } as ButtonProps}
      onConfirm={() => onRemove(note.trim() || undefined).then(() => setNote(''))}
    >
      <Button size="small" danger type="text" icon={<DeleteOutlined />} aria-label={t('relationships.ties.remove')} data-testid={testId} />
    </Popconfirm>
  );
};

export const TieEndLink = ({ end }: { end: TieEnd }) => {
  const { t } = useTranslation();
  const href = nodeHref({ kind: end.kind, recordId: end.id, readable: end.readable });
  if (!end.readable) {
    return (
      <Tooltip title={t('relationships.ties.outOfScope')}>
        <Typography.Text type="secondary">
          <LockOutlined /> {end.name}
        </Typography.Text>
      </Tooltip>
    );
  }
  return href ? <Link to={href}>{end.name}</Link> : <Typography.Text>{end.name}</Typography.Text>;
};

/** duplicate_tie and self_tie read as sentences of this feature; anything else goes the common way. */
export const useTieErrorHandler = () => {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (isApiError(error) && (error.code === 'duplicate_tie' || error.code === 'self_tie')) {
        void message.error(t(`relationships.errors.${error.code}`));
        return;
      }
      handleError(error, form ? { form } : {});
    },
    [handleError, message, t],
  );
};
