// "记录跟进 / Log activity": the button on every organisation, contact and project page (and the activities pages) that
// opens the quick log prefilled with that record.
import { useState } from 'react';
import { Button } from 'antd';
import type { ButtonProps } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Activity } from '@openpsm/contracts';
import { usePermission } from '../../lib/session';
import { ActivityEditor, type ActivityContext } from './activity-editor';

type QuickLogButtonProps = {
  context?: ActivityContext;
  onSaved?: (activity: Activity) => void;
  type?: ButtonProps['type'];
  block?: boolean;
  testId?: string;
};

export const QuickLogButton = ({ context, onSaved, type = 'primary', block, testId = 'quick-log-button' }: QuickLogButtonProps) => {
  const { t } = useTranslation();
  const canCreate = usePermission('activity.create');
  const [open, setOpen] = useState(false);
  if (!canCreate) return null;
  return (
    <>
      <Button type={type} icon={<FormOutlined />} onClick={() => setOpen(true)} block={block} data-testid={testId}>
        {t('activities.quickLog')}
      </Button>
      <ActivityEditor open={open} mode="log" context={context} onClose={() => setOpen(false)} onSaved={onSaved} />
    </>
  );
};
