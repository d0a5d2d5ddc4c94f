import type { ReactNode } from 'react';
import { Drawer } from 'antd';
import { UserName } from '../../components/user-name';
import { useTranslation } from 'react-i18next';
import type { Position, User } from '@openpsm/contracts';
import { positions } from '@openpsm/contracts';
import { HistoryTimeline } from '../../components/history-timeline';
import { useIsMobile } from '../../components/use-is-mobile';
import { roleDisplayName, useDepartments, useRoles } from '../../lib/reference-data';
import { useUserHistory } from './users.api';

export const UserHistoryDrawer = ({ user, onClose }: { user: User | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const history = useUserHistory(user?.id ?? null);
  const roles = useRoles();
  const departments = useDepartments();

  const formatValue = (field: string, value: unknown): ReactNode | undefined => {
    if (field === 'managerId' && typeof value === 'string') return <UserName id={value} />;
    if (field === 'roleIds' && Array.isArray(value)) {
      return value.map((id) => {
        const role = roles.data?.find((candidate) => candidate.id === id);
        return role ? roleDisplayName(role) : String(id);
      }).join(', ');
    }
    if (field === 'departmentId' && typeof value === 'string') return departments.data?.find((department) => department.id === value)?.name;
    if (field === 'position' && positions.includes(value as Position)) return t(`users.positions.${value as Position}`);
    if (field === 'status' && (value === 'active' || value === 'departed')) return t(`users.status.${value}`);
    return undefined;
  };

  return (
    <Drawer open={user !== null} onClose={onClose} title={user ? t('users.historyTitle', { name: user.displayName }) : ''} size={isMobile ? '100%' : 560} destroyOnHidden>
      <HistoryTimeline entries={history.data} loading={history.isPending && Boolean(user)} recordType="user" formatValue={formatValue} />
    </Drawer>
  );
};
