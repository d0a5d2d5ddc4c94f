// The signed-in shell: sider menu (a drawer on phones), header with language, notifications and the user menu.
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Button, Drawer, Flex, Layout, Menu, Typography, theme } from 'antd';
import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch';
import { PageSkeleton } from '../components/results';
import { useIsMobile } from '../components/use-is-mobile';
import { useApprovalCounts } from '../lib/approvals';
import { useCompanySettings } from '../lib/reference-data';
import { useCurrentUser } from '../lib/session';
import { NotificationBell } from '../features/notifications/notification-bell';
import { GlobalSearch } from '../features/search/global-search';
import { useNotificationStream } from '../features/notifications/notifications.api';
import { buildNavItems, navKeyForPath } from './nav-items';
import { UserMenu } from './user-menu';

const SIDER_COLLAPSED_KEY = 'psm.sider.collapsed';

/** The company's short name from the settings (company profile), else its full name; empty until set. */
const useCompanyLabel = () => {
  const settings = useCompanySettings().data;
  return settings?.companyShortName || settings?.companyName || '';
};

const Brand = ({ collapsed }: { collapsed: boolean }) => {
  const company = useCompanyLabel();
  return (
    <Link to="/" style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', height: 56, paddingInline: collapsed ? 0 : 20, alignItems: collapsed ? 'center' : 'flex-start' }}>
      <Typography.Text strong style={{ color: '#fff', fontSize: 18, letterSpacing: 0.5, lineHeight: 1.2 }}>
        {collapsed ? 'P' : 'OpenPSM'}
      </Typography.Text>
      {!collapsed && company && (
        <Typography.Text ellipsis style={{ color: 'rgba(255,255,255,0.65)', fontSize: 12, maxWidth: 180 }} data-testid="company-name">
          {company}
        </Typography.Text>
      )}
    </Link>
  );
};

export const AppLayout = () => {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const isMobile = useIsMobile();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(SIDER_COLLAPSED_KEY) === '1');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const companyLabel = useCompanyLabel();
  useNotificationStream();
  useEffect(() => {
    document.title = companyLabel ? `${companyLabel} · OpenPSM` : 'OpenPSM';
  }, [companyLabel]);

  const waiting = useApprovalCounts().data?.waiting ?? 0;
  const items = useMemo(() => buildNavItems(user, t, { approvals: waiting }), [user, t, waiting]);
  const selected = navKeyForPath(location.pathname);

  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const toggleCollapsed = () => {
    setCollapsed((value) => {
      localStorage.setItem(SIDER_COLLAPSED_KEY, value ? '0' : '1');
      return !value;
    });
  };

  const menu = <Menu theme="dark" mode="inline" items={items} selectedKeys={selected ? [selected] : []} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isMobile && (
        <Layout.Sider collapsible collapsed={collapsed} trigger={null} width={220} style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <Brand collapsed={collapsed} />
          {menu}
        </Layout.Sider>
      )}
      {isMobile && (
        <Drawer
          open={drawerOpen}
          placement="left"
          size={260}
          onClose={() => setDrawerOpen(false)}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
        >
          <Brand collapsed={false} />
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            height: 56,
            paddingInline: isMobile ? 8 : 16,
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {isMobile ? (
            <Flex align="center" gap={4}>
              <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('nav.openMenu')} data-testid="nav-menu-button" />
              <Typography.Text strong ellipsis style={{ maxWidth: 180 }}>
                {companyLabel || 'OpenPSM'}
              </Typography.Text>
            </Flex>
          ) : (
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={toggleCollapsed}
              aria-label={t(collapsed ? 'nav.expand' : 'nav.collapse')}
            />
          )}
          <Flex align="center" gap={isMobile ? 0 : 4}>
            <GlobalSearch />
            <LanguageSwitch compact={isMobile} />
            <NotificationBell />
            <UserMenu compact={isMobile} />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
};
