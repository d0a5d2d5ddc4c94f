// Sharing one record (an organisation, a project) with a user or a whole department, read-only or editable (PLAT-4).
import { useState } from 'react';
import { App, Button, Flex, Form, Popconfirm, Segmented, Select, Table, Tag, Typography } from 'antd';
import { ApartmentOutlined, DeleteOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { UserSelect } from '../user-select';
import { DepartmentTreeSelect } from '../department-tree-select';
import { useApiErrorHandler } from '../use-api-error-handler';
import type { Share, ShareInput } from '../../features/organizations/organizations.api';
import { useAddRecordShare, useRecordShares, useRemoveRecordShare, type SharedResource } from './record-shares.api';

type Target = 'user' | 'department';
type ShareValues = { userId?: string; departmentId?: string; access: Share['access'] };

const AddShareForm = ({ resource, recordId, ownerId }: { resource: SharedResource; recordId: string; ownerId?: string }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ShareValues>();
  const [target, setTarget] = useState<Target>('user');
  const add = useAddRecordShare(resource, recordId);
  const handleError = useApiErrorHandler();
  // Picking a department needs the department list, which only `department.view` may read.
  const canPickDepartment = usePermission('department.view');

  const onFinish = (values: ShareValues) => {
    const input: ShareInput = target === 'user' ? { userId: values.userId, access: values.access } : { departmentId: values.departmentId, access: values.access };
    add.mutate(input, {
      onSuccess: () => {
        form.resetFields(['userId', 'departmentId']);
        void message.success(t('organizations.shareAdded'));
      },
      onError: (error) => handleError(error, { form }),
    });
  };

  return (
    <Form<ShareValues> form={form} layout="inline" initialValues={{ access: 'read' }} onFinish={onFinish} style={{ rowGap: 8, marginBottom: 16 }}>
      <Form.Item hidden={!canPickDepartment}>
        <Segmented<Target>
          value={target}
          onChange={setTarget}
          options={[
            { value: 'user', label: t('organizations.shareToUser'), icon: <UserOutlined /> },
            { value: 'department', label: t('organizations.shareToDepartment'), icon: <ApartmentOutlined /> },
          ]}
        />
      </Form.Item>
      {target === 'user' ? (
        <Form.Item name="userId" rules={[{ required: true, message: t('validation.required') }]} style={{ minWidth: 220 }}>
          <UserSelect excludeIds={ownerId ? [ownerId] : []} />
        </Form.Item>
      ) : (
        <Form.Item name="departmentId" rules={[{ required: true, message: t('validation.required') }]} style={{ minWidth: 220 }}>
          <DepartmentTreeSelect />
        </Form.Item>
      )}
      <Form.Item name="access">
        <Select
          style={{ width: 120 }}
          options={[
            { value: 'read', label: t('organizations.accessRead') },
            { value: 'edit', label: t('organizations.accessEdit') },
          ]}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('organizations.addShare')}
        </Button>
      </Form.Item>
    </Form>
  );
};

/** Who else may read or edit the record (user or department), and the form to share it further. */
export const RecordShares = ({ resource, recordId, canShare, ownerId }: { resource: SharedResource; recordId: string; canShare: boolean; ownerId?: string }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const shares = useRecordShares(resource, recordId, true);
  const remove = useRemoveRecordShare(resource, recordId);
  const handleError = useApiErrorHandler();

  return (
    <>
      <Typography.Paragraph type="secondary">{t(resource === 'projects' ? 'organizations.projectSharingHelp' : 'organizations.sharingHelp')}</Typography.Paragraph>
      {canShare && <AddShareForm resource={resource} recordId={recordId} ownerId={ownerId} />}
      <Table<Share>
        rowKey="id"
        size="middle"
        loading={shares.isPending}
        dataSource={shares.data}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: t('organizations.noShares') }}
        columns={[
          {
            title: t('organizations.sharedWith'),
            key: 'target',
            render: (_, share) => (
              <Flex gap={6} align="center">
                {share.userId ? <UserOutlined /> : <ApartmentOutlined />}
                {share.userName ?? share.departmentName ?? '—'}
              </Flex>
            ),
          },
          {
            title: t('organizations.access'),
            dataIndex: 'access',
            render: (access: Share['access']) =>
              access === 'edit' ? <Tag color="blue">{t('organizations.accessEdit')}</Tag> : <Tag>{t('organizations.accessRead')}</Tag>,
          },
          { title: t('fields.common.createdAt'), dataIndex: 'createdAt', render: (value: string) => format.dateTime(value) },
          ...(canShare
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, share: Share) => (
                    <Popconfirm
                      title={t('organizations.removeShareConfirm')}
                      okText={t('common.remove')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutateAsync(share.id).catch((error: unknown) => handleError(error))}
                    >
                      <Button size="small" danger type="text" icon={<DeleteOutlined />} aria-label={t('common.remove')} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
};
