// The team tab (分工, PRJ-6): members with their project role and access. Membership grants access at once.
import { useState } from 'react';
import { App, Button, Empty, Popconfirm, Select, Space, Table } from 'antd';
import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { projectMemberAccesses, projectMemberRoles, type Project, type ProjectMember, type ProjectMemberRole } from '@openpsm/contracts';
import { UserSelect } from '../../components/user-select';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useAddMember, useRemoveMember, useUpdateMember } from './projects.api';

export const ProjectTeam = ({ project }: { project: Project }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const add = useAddMember(project.id);
  const update = useUpdateMember(project.id);
  const remove = useRemoveMember(project.id);
  const [userId, setUserId] = useState<string | undefined>();
  const [role, setRole] = useState<ProjectMemberRole>('presales');
  const [access, setAccess] = useState<ProjectMember['access']>('read');
  const canEdit = project.access.edit;
  const members = project.members ?? [];
  const roleOptions = projectMemberRoles.map((value) => ({ value, label: t(`projects.memberRoles.${value}`) }));
  const accessOptions = projectMemberAccesses.map((value) => ({ value, label: t(`projects.memberAccess.${value}`) }));

  return (
    <>
      {canEdit && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="project-team-add-form">
          <div style={{ minWidth: 220 }}>
            <UserSelect value={userId} onChange={(value) => setUserId(value as string | undefined)} excludeIds={[project.owner?.id ?? '', ...members.map((member) => member.user.id)]} data-testid="project-team-user" />
          </div>
          <Select value={role} onChange={setRole} options={roleOptions} style={{ minWidth: 140 }} data-testid="project-team-role" />
          <Select value={access} onChange={setAccess} options={accessOptions} style={{ minWidth: 100 }} data-testid="project-team-access" />
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            disabled={!userId}
            loading={add.isPending}
            data-testid="project-team-add"
            onClick={() =>
              userId &&
              add.mutate(
                { userId, role, access },
                {
                  onSuccess: () => {
                    setUserId(undefined);
                    void message.success(t('projects.team.added'));
                  },
                  onError: (error) => handleError(error),
                },
              )
            }
          >
            {t('projects.team.add')}
          </Button>
        </Space>
      )}
      <Table<ProjectMember>
        rowKey={(member) => member.user.id}
        size="small"
        pagination={false}
        dataSource={members}
        locale={{ emptyText: <Empty description={t('projects.team.empty')} /> }}
        data-testid="project-team"
        onRow={() => ({ 'data-testid': 'project-team-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('projects.team.user'), key: 'user', render: (_, member) => member.user.displayName },
          {
            title: t('projects.team.role'),
            key: 'role',
            render: (_, member) =>
              canEdit ? (
                <Select size="small" value={member.role} options={roleOptions} style={{ minWidth: 130 }} onChange={(next) => update.mutate({ userId: member.user.id, role: next }, { onError: (error) => handleError(error) })} />
              ) : (
                t(`projects.memberRoles.${member.role}`)
              ),
          },
          {
            title: t('projects.team.access'),
            key: 'access',
            render: (_, member) =>
              canEdit ? (
                <Select size="small" value={member.access} options={accessOptions} style={{ minWidth: 90 }} onChange={(next) => update.mutate({ userId: member.user.id, access: next }, { onError: (error) => handleError(error) })} />
              ) : (
                t(`projects.memberAccess.${member.access}`)
              ),
          },
          {
            key: 'actions',
            width: 60,
            render: (_, member) =>
              canEdit && (
                <Popconfirm
                  title={t('projects.team.removeConfirm', { name: member.user.displayName })}
                  onConfirm={() => remove.mutate(member.user.id, { onSuccess: () => void message.success(t('projects.team.removed')), onError: (error) => handleError(error) })}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="project-team-remove" />
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
};
