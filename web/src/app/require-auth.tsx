import { useEffect, useRef } from 'react';
import { Flex, Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '@openpsm/contracts';
import { changeLocale, currentLocale } from '../lib/i18n';
import { CurrentUserContext, hasPermission, useCurrentUserQuery } from '../lib/session';
import { ForbiddenResult, QueryErrorResult } from '../components/results';

/** The signed-in part of the app; also applies the user's saved language once per sign-in. */
export const RequireAuth = () => {
  const me = useCurrentUserQuery();
  const location = useLocation();
  const appliedFor = useRef<string | null>(null);
  const user = me.data;

  useEffect(() => {
    if (!user || appliedFor.current === user.id) return;
    appliedFor.current = user.id;
    if (user.locale !== currentLocale()) void changeLocale(user.locale);
  }, [user]);

  if (me.isPending) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (me.isError) return <QueryErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // A password the administrator set (or an expired one) must be replaced before anything else.
  if (user.mustChangePassword && location.pathname !== '/profile') return <Navigate to="/profile?tab=password" replace />;
  return (
    <CurrentUserContext.Provider value={user}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
};

export const RequirePermission = ({ permission }: { permission: Permission }) => {
  const me = useCurrentUserQuery();
  return hasPermission(me.data, permission) ? <Outlet /> : <ForbiddenResult />;
};
