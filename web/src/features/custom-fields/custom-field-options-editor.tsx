// The choices of a select / multi-select custom field: code + Chinese and English labels, in order.
import { Button, Flex, Form, Input } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const CODE = /^[a-z0-9_]+$/;

export const CustomFieldOptionsEditor = () => {
  const { t } = useTranslation();
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <Form.List
      name="options"
      rules={[
        {
          validator: async (_rule, options: unknown[] | undefined) => {
            if (!options || options.length === 0) throw new Error(t('validation.options_required'));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={6} align="flex-start" wrap={false} style={{ marginBottom: 4 }}>
              <Form.Item name={[field.name, 'code']} rules={[required, { pattern: CODE, message: t('validation.code_format') }, { max: 40 }]} style={{ flex: '1 1 90px', marginBottom: 8 }}>
                <Input placeholder={t('fields.option.code')} maxLength={40} />
              </Form.Item>
              <Form.Item name={[field.name, 'labelZh']} rules={[required, { max: 60 }]} style={{ flex: '1 1 110px', marginBottom: 8 }}>
                <Input placeholder={t('fields.option.labelZh')} maxLength={60} />
              </Form.Item>
              <Form.Item name={[field.name, 'labelEn']} rules={[required, { max: 60 }]} style={{ flex: '1 1 110px', marginBottom: 8 }}>
                <Input placeholder={t('fields.option.labelEn')} maxLength={60} />
              </Form.Item>
              <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('common.moveUp')} style={{ marginTop: 4 }} />
              <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} aria-label={t('common.moveDown')} style={{ marginTop: 4 }} />
              <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} style={{ marginTop: 4 }} />
            </Flex>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ code: '', labelZh: '', labelEn: '' })}>
            {t('customFields.addOption')}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
};
