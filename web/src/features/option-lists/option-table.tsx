// One option list as a table edited in place: a row at a time, Enter saves, Escape cancels.
import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { App, Button, Form, Input, InputNumber, Switch, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Option, OptionListKey } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useCreateOption, useUpdateOption } from './option-lists.api';

type Row = Option | (Omit<Option, 'id' | 'version'> & { id: 'new'; version: 0 });
type RowValues = { code: string; labelZh: string; labelEn: string; sort: number };

const CODE = /^[a-z0-9_]+$/;

export const OptionTable = ({ listKey, options, loading, canEdit }: { listKey: OptionListKey; options: Option[]; loading: boolean; canEdit: boolean }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RowValues>();
  const [editingId, setEditingId] = useState<string | null>(null);
  const create = useCreateOption();
  const update = useUpdateOption();
  const handleError = useApiErrorHandler();

  const nextSort = options.reduce((max, option) => Math.max(max, option.sort), 0) + 10;
  const newRow: Row = { id: 'new', version: 0, listKey, code: '', labelZh: '', labelEn: '', sort: nextSort, active: true };
  const rows: Row[] = editingId === 'new' ? [...options, newRow] : options;

  const startEdit = (row: Row) => {
    form.setFieldsValue({ code: row.code, labelZh: row.labelZh, labelEn: row.labelEn, sort: row.sort });
    setEditingId(row.id);
  };

  const cancel = () => {
    form.resetFields();
    setEditingId(null);
  };

  const save = async (row: Row) => {
    let values: RowValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const onSuccess = () => {
      void message.success(t('common.saved'));
      setEditingId(null);
      form.resetFields();
    };
    const onError = (error: unknown) => handleError(error, { form, recordType: 'option' });
    if (row.id === 'new') {
      create.mutate({ listKey, code: values.code.trim(), labelZh: values.labelZh.trim(), labelEn: values.labelEn.trim(), sort: values.sort }, { onSuccess, onError });
    } else {
      update.mutate({ id: row.id, version: row.version, labelZh: values.labelZh.trim(), labelEn: values.labelEn.trim(), sort: values.sort }, { onSuccess, onError });
    }
  };

  const onKeyDown = (row: Row) => (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save(row);
    }
    if (event.key === 'Escape') cancel();
  };

  const toggleActive = (row: Option, active: boolean) =>
    update.mutate({ id: row.id, version: row.version, active }, { onError: (error) => handleError(error) });

  const editing = (row: Row) => row.id === editingId;
  const required = { required: true, whitespace: true, message: t('validation.required') };

  const columns: TableColumnsType<Row> = [
    {
      title: t('fields.option.code'),
      dataIndex: 'code',
      width: 160,
      render: (code: string, row) =>
        editing(row) && row.id === 'new' ? (
          <Form.Item name="code" style={{ margin: 0 }} rules={[required, { pattern: CODE, message: t('validation.code_format') }, { max: 40 }]}>
            <Input autoFocus maxLength={40} onKeyDown={onKeyDown(row)} />
          </Form.Item>
        ) : (
          <code>{code}</code>
        ),
    },
    {
      title: t('fields.option.labelZh'),
      dataIndex: 'labelZh',
      render: (label: string, row) =>
        editing(row) ? (
          <Form.Item name="labelZh" style={{ margin: 0 }} rules={[required, { max: 60 }]}>
            <Input autoFocus={row.id !== 'new'} maxLength={60} onKeyDown={onKeyDown(row)} />
          </Form.Item>
        ) : (
          label
        ),
    },
    {
      title: t('fields.option.labelEn'),
      dataIndex: 'labelEn',
      render: (label: string, row) =>
        editing(row) ? (
          <Form.Item name="labelEn" style={{ margin: 0 }} rules={[required, { max: 60 }]}>
            <Input maxLength={60} onKeyDown={onKeyDown(row)} />
          </Form.Item>
        ) : (
          label
        ),
    },
    {
      title: t('fields.option.sort'),
      dataIndex: 'sort',
      width: 100,
      render: (sort: number, row) =>
        editing(row) ? (
          <Form.Item name="sort" style={{ margin: 0 }}>
            <InputNumber min={0} max={9999} style={{ width: 80 }} onKeyDown={onKeyDown(row)} />
          </Form.Item>
        ) : (
          sort
        ),
    },
    {
      title: t('fields.option.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean, row) =>
        row.id === 'new' ? null : <Switch size="small" checked={active} disabled={!canEdit} onChange={(checked) => toggleActive(row as Option, checked)} />,
    },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, row: Row) =>
              editing(row) ? (
                <>
                  <Tooltip title={t('common.save')}>
                    <Button type="text" size="small" icon={<CheckOutlined />} loading={create.isPending || update.isPending} onClick={() => void save(row)} aria-label={t('common.save')} />
                  </Tooltip>
                  <Tooltip title={t('common.cancel')}>
                    <Button type="text" size="small" icon={<CloseOutlined />} onClick={cancel} aria-label={t('common.cancel')} />
                  </Tooltip>
                </>
              ) : (
                <Button type="text" size="small" icon={<EditOutlined />} disabled={editingId !== null} onClick={() => startEdit(row)} aria-label={t('common.edit')} />
              ),
          },
        ]
      : []),
  ];

  return (
    <Form form={form} component={false}>
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('optionLists.empty') }}
      />
      {canEdit && (
        <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 12 }} disabled={editingId !== null} onClick={() => startEdit(newRow)}>
          {t('optionLists.add')}
        </Button>
      )}
    </Form>
  );
};
