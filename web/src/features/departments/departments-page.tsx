import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Input, Row, Skeleton, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ApartmentOutlined, DragOutlined, EditOutlined, HistoryOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Department } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { HistoryTimeline } from '../../components/history-timeline';
import { UserName } from '../../components/user-name';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { buildDepartmentTree } from '../../lib/department-tree';
import type { DepartmentNode } from '../../lib/department-tree';
import { useDepartments } from '../../lib/reference-data';
import { usePermission } from '../../lib/session';
import { useDepartmentHistory, useUpdateDepartment } from './departments.api';
import { DepartmentFormModal } from './department-form';
import type { DepartmentDialog } from './department-form';

const toTreeData = (nodes: DepartmentNode[], filter: string, disabledText: string): TreeDataNode[] =>
  nodes.flatMap((node) => {
    const children = toTreeData(node.children, filter, disabledText);
    const matches = !filter || node.name.toLowerCase().includes(filter);
    if (!matches && children.length === 0) return [];
    return [
      {
        key: node.id,
        title: (
          <span style={{ color: node.active ? undefined : '#999' }}>
            {node.name} <Typography.Text type="secondary">({node.memberCount})</Typography.Text>
            {!node.active && <Tag style={{ marginInlineStart: 6 }}>{disabledText}</Tag>}
          </span>
        ),
        children,
      },
    ];
  });

export const DepartmentsPage = () => {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const departments = useDepartments();
  const canCreate = usePermission('department.create');
  const canEdit = usePermission('department.edit');
  const canSeeUsers = usePermission('user.view');
  const update = useUpdateDepartment();
  const handleError = useApiErrorHandler();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<DepartmentDialog | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const history = useDepartmentHistory(showHistory ? selectedId : null);

  const all = departments.data ?? [];
  const tree = useMemo(() => buildDepartmentTree(departments.data ?? []), [departments.data]);
  const treeData = useMemo(() => toTreeData(tree, filter.trim().toLowerCase(), t('common.disabled')), [tree, filter, t]);
  const selected = all.find((department) => department.id === selectedId) ?? null;
  const parent = selected?.parentId ? all.find((department) => department.id === selected.parentId) : null;

  const toggleActive = (department: Department) =>
    modal.confirm({
      title: department.active ? t('departments.disableTitle', { name: department.name }) : t('departments.enableTitle', { name: department.name }),
      content: department.active ? t('departments.disableExplain') : undefined,
      okText: department.active ? t('departments.disable') : t('departments.enable'),
      okButtonProps: { danger: department.active },
      cancelText: t('common.cancel'),
      onOk: () =>
        update.mutateAsync({ id: department.id, version: department.version, active: !department.active }).then(
          () => void message.success(t('common.saved')),
          (error: unknown) => handleError(error),
        ),
    });

  if (departments.isError) return <QueryErrorResult error={departments.error} onRetry={() => void departments.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: null })}>
              {t('departments.createTop')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={9}>
          <Card title={t('departments.tree')} styles={{ body: { padding: 12 } }}>
            <Input.Search allowClear placeholder={t('common.search')} onChange={(event) => setFilter(event.target.value)} style={{ marginBottom: 8 }} />
            {departments.isPending ? (
              <Skeleton active />
            ) : treeData.length === 0 ? (
              <Empty description={t('departments.empty')} />
            ) : (
              <Tree
                showLine
                blockNode
                defaultExpandAll
                key={filter ? 'filtered' : 'all'}
                treeData={treeData}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => {
                  setSelectedId(keys[0] ? String(keys[0]) : null);
                  setShowHistory(false);
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} lg={15}>
          <Card
            title={selected ? selected.name : t('departments.details')}
            extra={selected && canCreate && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: selected })}>
                {t('departments.createChild')}
              </Button>
            )}
          >
            {!selected ? (
              <Empty image={<ApartmentOutlined style={{ fontSize: 48, color: '#bbb' }} />} description={t('departments.selectHint')} />
            ) : (
              <>
                <Descriptions
                  bordered
                  size="small"
                  column={1}
                  items={[
                    { key: 'name', label: t('fields.department.name'), children: selected.name },
                    { key: 'parent', label: t('fields.department.parentId'), children: parent?.name ?? t('departments.topLevel') },
                    { key: 'head', label: t('fields.department.headUserId'), children: selected.headUserId ? <UserName id={selected.headUserId} /> : t('common.empty') },
                    {
                      key: 'members',
                      label: t('fields.department.memberCount'),
                      children: canSeeUsers ? <Link to={`/admin/users?departmentId=${selected.id}`}>{selected.memberCount}</Link> : selected.memberCount,
                    },
                    {
                      key: 'active',
                      label: t('fields.department.active'),
                      children: selected.active ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>,
                    },
                  ]}
                />
                <Flex gap={8} wrap style={{ marginTop: 16 }}>
                  {canEdit && (
                    <>
                      <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', department: selected })}>
                        {t('departments.rename')}
                      </Button>
                      <Button icon={<DragOutlined />} onClick={() => setDialog({ kind: 'move', department: selected })}>
                        {t('departments.move')}
                      </Button>
                      <Button danger={selected.active} icon={selected.active ? <StopOutlined /> : <CheckCircleOutlined />} onClick={() => toggleActive(selected)}>
                        {selected.active ? t('departments.disable') : t('departments.enable')}
                      </Button>
                    </>
                  )}
                  <Button icon={<HistoryOutlined />} onClick={() => setShowHistory((value) => !value)}>
                    {t('common.history')}
                  </Button>
                </Flex>
                {showHistory && (
                  <div style={{ marginTop: 24 }}>
                    <HistoryTimeline entries={history.data} loading={history.isPending} recordType="department" />
                  </div>
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
      <DepartmentFormModal dialog={dialog} onClose={() => setDialog(null)} />
    </>
  );
};
