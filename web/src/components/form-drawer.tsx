// A Drawer holding one form: full width on phones, the submit button bound to the form so Enter submits.
import type { ReactNode } from 'react';
import { Button, Drawer, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from './use-is-mobile';

type FormDrawerProps = {
  open: boolean;
  title: ReactNode;
  /** The `id` of the <Form> inside; the footer's submit button targets it. */
  formId: string;
  submitting?: boolean;
  submitText?: ReactNode;
  onClose: () => void;
  width?: number;
  children: ReactNode;
  extraFooter?: ReactNode;
};

export const FormDrawer = ({ open, title, formId, submitting, submitText, onClose, width = 560, children, extraFooter }: FormDrawerProps) => {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      size={isMobile ? '100%' : width}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          {extraFooter}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form={formId} loading={submitting}>
            {submitText ?? t('common.save')}
          </Button>
        </Flex>
      }
    >
      {children}
    </Drawer>
  );
};
