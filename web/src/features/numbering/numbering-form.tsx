import { App, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { numberingResets } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { translateDynamic } from '../../lib/i18n';
import { useUpdateNumberingRule } from './numbering.api';
import type { NumberingReset, NumberingRule } from './numbering.api';

type RuleValues = { pattern: string; reset: NumberingReset };
const FORM_ID = 'numbering-form';

/** What the next number would look like; the server's preview after saving is authoritative. */
export const previewPattern = (pattern: string) => {
  const now = dayjs();
  return pattern
    .replace(/\{yyyy\}/g, now.format('YYYY'))
    .replace(/\{yy\}/g, now.format('YY'))
    .replace(/\{mm\}/g, now.format('MM'))
    .replace(/\{seq(?::(\d))?\}/g, (_match, width?: string) => '1'.padStart(Number(width ?? 1), '0'));
};

export const NumberingFormModal = ({ rule, onClose }: { rule: NumberingRule | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const update = useUpdateNumberingRule();
  const handleError = useApiErrorHandler();
  const pattern = Form.useWatch('pattern', form) ?? rule?.pattern ?? '';

  const onFinish = (values: RuleValues) => {
    if (!rule) return;
    update.mutate(
      { id: rule.id, version: rule.version, pattern: values.pattern.trim(), reset: values.reset },
      {
        onSuccess: (saved) => {
          void message.success(t('numbering.savedPreview', { preview: saved.preview }));
          onClose();
        },
        onError: (error) => handleError(error, { form, recordType: 'numbering', onReload: onClose }),
      },
    );
  };

  return (
    <Modal
      open={rule !== null}
      title={rule ? t('numbering.editTitle', { type: translateDynamic(`recordTypes.${rule.recordType}`, rule.recordType) }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<RuleValues> id={FORM_ID} form={form} clearOnDestroy layout="vertical" initialValues={rule ? { pattern: rule.pattern, reset: rule.reset } : undefined} onFinish={onFinish}>
        <Form.Item
          name="pattern"
          label={t('fields.numbering.pattern')}
          extra={t('numbering.tokensHelp')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { min: 3, max: 60 },
            { pattern: /\{seq(:\d)?\}/, message: t('validation.pattern_needs_seq') },
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && /\{(?!yyyy\}|yy\}|mm\}|seq(:\d)?\})/.test(value)) throw new Error(t('validation.pattern_unknown_token'));
              },
            },
          ]}
        >
          <Input autoFocus maxLength={60} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="reset" label={t('fields.numbering.reset')}>
          <Select options={numberingResets.map((reset) => ({ value: reset, label: t(`numbering.resets.${reset}`) }))} />
        </Form.Item>
        <Typography.Text type="secondary">{t('numbering.previewLabel')} </Typography.Text>
        <Typography.Text code>{previewPattern(pattern)}</Typography.Text>
      </Form>
    </Modal>
  );
};
