import { App, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { customFieldTypes } from '@openpsm/contracts';
import type { CustomField, CustomFieldType } from '@openpsm/contracts';
import { FormDrawer } from '../../components/form-drawer';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import type { CustomFieldRecordType } from '../../lib/reference-data';
import { useCreateCustomField, useUpdateCustomField } from './custom-fields.api';
import type { CustomFieldOptionInput } from './custom-fields.api';
import { CustomFieldOptionsEditor } from './custom-field-options-editor';

type FieldValues = {
  key: string;
  labelZh: string;
  labelEn: string;
  type: CustomFieldType;
  options: CustomFieldOptionInput[];
  required: boolean;
  showInList: boolean;
  sort: number;
  active: boolean;
};

const FORM_ID = 'custom-field-form';
const KEY = /^[a-z][a-zA-Z0-9]*$/;
const hasOptions = (type: CustomFieldType | undefined) => type === 'select' || type === 'multi_select';

type CustomFieldFormDrawerProps = { open: boolean; recordType: CustomFieldRecordType; field?: CustomField; nextSort: number; onClose: () => void };

export const CustomFieldFormDrawer = ({ open, recordType, field, nextSort, onClose }: CustomFieldFormDrawerProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FieldValues>();
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const handleError = useApiErrorHandler();
  const type = Form.useWatch('type', form);

  const initialValues: Partial<FieldValues> = field
    ? { ...field, options: field.options }
    : { type: 'text', options: [], required: false, showInList: false, sort: nextSort, active: true };

  const onFinish = (values: FieldValues) => {
    const options = hasOptions(values.type)
      ? (values.options ?? []).map((option) => ({ code: option.code.trim(), labelZh: option.labelZh.trim(), labelEn: option.labelEn.trim() }))
      : [];
    const common = { labelZh: values.labelZh.trim(), labelEn: values.labelEn.trim(), options, required: values.required, showInList: values.showInList, sort: values.sort ?? 0 };
    const onSuccess = () => {
      void message.success(t('common.saved'));
      onClose();
    };
    const onError = (error: unknown) => handleError(error, { form, recordType: 'customField', onReload: onClose });
    if (field) update.mutate({ id: field.id, version: field.version, ...common, active: values.active }, { onSuccess, onError });
    else create.mutate({ recordType, key: values.key.trim(), type: values.type, ...common }, { onSuccess, onError });
  };

  return (
    <FormDrawer
      open={open}
      title={field ? t('customFields.editTitle', { name: field.labelZh }) : t('customFields.create')}
      formId={FORM_ID}
      submitting={create.isPending || update.isPending}
      onClose={onClose}
      width={640}
    >
      <Form<FieldValues> id={FORM_ID} form={form} clearOnDestroy layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="key"
              label={t('fields.customField.key')}
              extra={field ? t('customFields.keyFixed') : t('customFields.keyHelp')}
              rules={[{ required: true, message: t('validation.required') }, { pattern: KEY, message: t('validation.key_format') }, { min: 2, max: 40 }]}
            >
              <Input autoFocus={!field} disabled={Boolean(field)} maxLength={40} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={t('fields.customField.type')} extra={field ? t('customFields.typeFixed') : undefined} rules={[{ required: true }]}>
              <Select disabled={Boolean(field)} options={customFieldTypes.map((value) => ({ value, label: t(`customFields.types.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="labelZh" label={t('fields.customField.labelZh')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}>
              <Input autoFocus={Boolean(field)} maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="labelEn" label={t('fields.customField.labelEn')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          {hasOptions(type) && (
            <Col span={24}>
              <Form.Item label={t('fields.customField.options')} required>
                <CustomFieldOptionsEditor />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={6}>
            <Form.Item name="required" label={t('fields.customField.required')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="showInList" label={t('fields.customField.showInList')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="sort" label={t('fields.customField.sort')}>
              <InputNumber min={0} max={9999} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {field && (
            <Col xs={12} md={6}>
              <Form.Item name="active" label={t('fields.customField.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </FormDrawer>
  );
};
