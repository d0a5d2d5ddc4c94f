// The sider menu: one entry per module, shown only to users holding its view permission.
import type { ReactNode } from 'react';
import { Badge, Flex } from 'antd';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BranchesOutlined,
  CalendarOutlined,
  ContactsOutlined,
  ControlOutlined,
  CheckSquareOutlined,
  FieldNumberOutlined,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  FunnelPlotOutlined,
  ImportOutlined,
  InboxOutlined,
  LineChartOutlined,
  MailOutlined,
  NodeIndexOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SendOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import type { CurrentUser, Permission } from '@openpsm/contracts';
import { hasPermission } from '../lib/session';

/** `permission: null` — every signed-in user (delegating one's own work is not an administrator's privilege). */
type NavEntry = { key: string; path: string; permission: Permission | null; icon: ReactNode; label: (t: TFunction) => string };

const mainEntries: NavEntry[] = [
  { key: 'organizations', path: '/organizations', permission: 'organization.view', icon: <BankOutlined />, label: (t) => t('nav.organizations') },
  { key: 'contacts', path: '/contacts', permission: 'contact.view', icon: <ContactsOutlined />, label: (t) => t('contacts.nav') },
  { key: 'projects', path: '/projects', permission: 'project.view', icon: <RiseOutlined />, label: (t) => t('projects.nav') },
  { key: 'pipeline', path: '/pipeline', permission: 'project.view', icon: <FunnelPlotOutlined />, label: (t) => t('pipeline.nav') },
  { key: 'price-history', path: '/tenders/price-history', permission: 'project.view', icon: <LineChartOutlined />, label: (t) => t('priceHistory.nav') },
  { key: 'project-registrations', path: '/project-registrations', permission: 'project.approve', icon: <FlagOutlined />, label: (t) => t('registration.nav') },
  { key: 'activities', path: '/activities', permission: 'activity.view', icon: <SolutionOutlined />, label: (t) => t('activities.nav') },
  { key: 'calendar', path: '/calendar', permission: 'activity.view', icon: <CalendarOutlined />, label: (t) => t('calendar.nav') },
  { key: 'tasks', path: '/tasks', permission: 'activity.view', icon: <ScheduleOutlined />, label: (t) => t('tasks.nav') },
  { key: 'work-reports', path: '/work-reports', permission: 'work_report.view', icon: <FileTextOutlined />, label: (t) => t('workReports.nav') },
  { key: 'team-activity', path: '/team-activity', permission: 'activity.view', icon: <BarChartOutlined />, label: (t) => t('teamActivity.nav') },
  { key: 'pool', path: '/pool', permission: 'pool.view', icon: <InboxOutlined />, label: (t) => t('pool.nav') },
  { key: 'leads', path: '/leads', permission: null, icon: <SendOutlined />, label: (t) => t('leads.nav') },
  { key: 'approvals', path: '/approvals', permission: null, icon: <CheckSquareOutlined />, label: (t) => t('nav.approvals') },
  { key: 'imports', path: '/imports', permission: 'organization.import', icon: <ImportOutlined />, label: (t) => t('imports.nav') },
  { key: 'delegations', path: '/delegations', permission: null, icon: <SwapOutlined />, label: (t) => t('nav.delegations') },
];

const adminEntries: NavEntry[] = [
  { key: 'users', path: '/admin/users', permission: 'user.view', icon: <TeamOutlined />, label: (t) => t('nav.users') },
  { key: 'departments', path: '/admin/departments', permission: 'department.view', icon: <ApartmentOutlined />, label: (t) => t('nav.departments') },
  { key: 'roles', path: '/admin/roles', permission: 'role.view', icon: <SafetyCertificateOutlined />, label: (t) => t('nav.roles') },
  { key: 'option-lists', path: '/admin/option-lists', permission: 'config.view', icon: <UnorderedListOutlined />, label: (t) => t('nav.optionLists') },
  { key: 'numbering', path: '/admin/numbering', permission: 'config.view', icon: <FieldNumberOutlined />, label: (t) => t('nav.numbering') },
  { key: 'custom-fields', path: '/admin/custom-fields', permission: 'config.view', icon: <FormOutlined />, label: (t) => t('nav.customFields') },
  { key: 'settings', path: '/admin/settings', permission: 'config.view', icon: <SettingOutlined />, label: (t) => t('nav.settings') },
  { key: 'pools', path: '/admin/pools', permission: 'pool.configure', icon: <InboxOutlined />, label: (t) => t('poolRules.nav') },
  { key: 'grading', path: '/admin/grading', permission: 'config.view', icon: <RiseOutlined />, label: (t) => t('grading.nav') },
  { key: 'project-settings', path: '/admin/project-settings', permission: 'project.configure', icon: <ControlOutlined />, label: (t) => t('projectInsight.settings.nav') },
  { key: 'sales-processes', path: '/admin/sales-processes', permission: 'project.configure', icon: <NodeIndexOutlined />, label: (t) => t('methodology.admin.nav') },
  { key: 'approval-flows', path: '/admin/approval-flows', permission: 'approval.view', icon: <BranchesOutlined />, label: (t) => t('nav.approvalFlows') },
  { key: 'audit-log', path: '/admin/audit-log', permission: 'audit.view', icon: <AuditOutlined />, label: (t) => t('nav.auditLog') },
  { key: 'outbox', path: '/admin/outbox', permission: 'config.configure', icon: <MailOutlined />, label: (t) => t('nav.outbox') },
];

/** A number beside an entry (approvals waiting for the reader), keyed by entry key. */
export type NavBadges = Partial<Record<string, number>>;

const toItem = (entry: NavEntry, t: TFunction, badges: NavBadges) => {
  const count = badges[entry.key] ?? 0;
  return {
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.path} data-testid={`nav-${entry.key}`}>
        <Flex component="span" justify="space-between" align="center" gap={8}>
          <span>{entry.label(t)}</span>
          {count > 0 && <Badge count={count} overflowCount={99} size="small" data-testid={`nav-${entry.key}-badge`} />}
        </Flex>
      </Link>
    ),
  };
};

export const buildNavItems = (user: CurrentUser, t: TFunction, badges: NavBadges = {}): NonNullable<MenuProps['items']> => {
  const visible = (entry: NavEntry) => entry.permission === null || hasPermission(user, entry.permission);
  const items: NonNullable<MenuProps['items']> = mainEntries.filter(visible).map((entry) => toItem(entry, t, badges));
  const admin = adminEntries.filter(visible);
  if (admin.length > 0) {
    items.push({ type: 'group', key: 'admin', label: t('nav.administration'), children: admin.map((entry) => toItem(entry, t, badges)) });
  }
  return items;
};

/** The menu key of the page being shown: the longest entry path that prefixes the location. */
export const navKeyForPath = (pathname: string): string | undefined =>
  [...mainEntries, ...adminEntries]
    .filter((entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.key;
