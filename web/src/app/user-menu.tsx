import { Avatar, Button, Dropdown, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../lib/session';
import { useLogout } from '../features/auth/auth.api';

export const UserMenu = ({ compact = false }: { compact?: boolean }) => {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', disabled: true, label: <Typography.Text type="secondary">{user.departmentName ?? user.username}</Typography.Text> },
          { type: 'divider' },
          { key: 'profile', icon: <UserOutlined />, label: t('nav.profile') },
          { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('auth.signOut')}</span> },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') navigate('/profile');
          if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
        },
      }}
    >
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }} aria-label={t('nav.userMenu')}>
        <Avatar size="small" style={{ background: '#1f4e8c' }}>
          {user.displayName.slice(0, 1).toUpperCase()}
        </Avatar>
        {!compact && <span style={{ maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis' }}>{user.displayName}</span>}
      </Button>
    </Dropdown>
  );
};
