import { Suspense } from 'react';
import type { ReactNode } from 'react';
import { Flex, Spin } from 'antd';
import { createBrowserRouter, Navigate } from 'react-router';
import type { RouteObject } from 'react-router';
import type { Permission } from '@openpsm/contracts';
import { NotFoundResult } from '../components/results';
import { hasPermission, useCurrentUser } from '../lib/session';
import { AppLayout } from './app-layout';
import { RequireAuth, RequirePermission } from './require-auth';
import { RouteErrorResult } from './route-error';
import * as pages from './lazy-pages';

const fullPageFallback = (
  <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
    <Spin size="large" />
  </Flex>
);

const standalone = (element: ReactNode) => <Suspense fallback={fullPageFallback}>{element}</Suspense>;

/** The first page a user may see: organisations for sales, the profile for anyone else. */
const HomeRedirect = () => {
  const user = useCurrentUser();
  return <Navigate to={hasPermission(user, 'organization.view') ? '/organizations' : '/profile'} replace />;
};

const guarded = (permission: Permission, children: RouteObject[]): RouteObject => ({
  element: <RequirePermission permission={permission} />,
  children,
});

export const createAppRouter = () =>
  createBrowserRouter([
    {
      errorElement: <RouteErrorResult />,
      children: [
        { path: '/login', element: standalone(<pages.LoginPage />) },
        { path: '/forgot-password', element: standalone(<pages.ForgotPasswordPage />) },
        { path: '/reset-password', element: standalone(<pages.ResetPasswordPage />) },
        {
          element: <RequireAuth />,
          children: [
            {
              element: <AppLayout />,
              errorElement: <RouteErrorResult />,
              children: [
                { index: true, element: <HomeRedirect /> },
                { path: 'profile', element: <pages.ProfilePage /> },
                { path: 'delegations', element: <pages.DelegationsPage /> },
                // Any signed-in user may be a submitter or an approver.
                { path: 'approvals', element: <pages.ApprovalsPage /> },
                // Imports (PLAT-11): the server checks each record type's import permission.
                { path: 'imports', element: <pages.ImportsPage /> },
                // Notifications sent before the page moved link here.
                { path: 'admin/delegations', element: <Navigate to="/delegations" replace /> },
                guarded('organization.view', [
                  { path: 'organizations', element: <pages.OrganizationsPage /> },
                  { path: 'organizations/:id', element: <pages.OrganizationDetailPage /> },
                  // Merging duplicates (CUS-3): /merge/organization or /merge/contact ?keep=…&merge=…; the server checks the rest.
                  { path: 'merge/:kind', element: <pages.MergePage /> },
                ]),
                guarded('project.view', [
                  { path: 'projects', element: <pages.ProjectsPage /> },
                  { path: 'projects/:id', element: <pages.ProjectDetailPage /> },
                  { path: 'pipeline', element: <pages.PipelinePage /> },
                  { path: 'tenders/price-history', element: <pages.PriceHistoryPage /> },
                  guarded('project.approve', [{ path: 'project-registrations', element: <pages.RegistrationInboxPage /> }]),
                ]),
                guarded('contact.view', [
                  { path: 'contacts', element: <pages.ContactsPage /> },
                  { path: 'contacts/:id', element: <pages.ContactDetailPage /> },
                ]),
                guarded('pool.view', [
                  { path: 'pool', element: <pages.PoolPage /> },
                  { path: 'admin/pools', element: <pages.PoolRulesPage /> },
                ]),
                guarded('activity.view', [
                  { path: 'activities', element: <pages.ActivitiesPage /> },
                  // Reminders link to one activity: the list opens it in the drawer.
                  { path: 'activities/:id', element: <pages.ActivitiesPage /> },
                  { path: 'calendar', element: <pages.CalendarPage /> },
                  { path: 'tasks', element: <pages.TasksPage /> },
                ]),
                guarded('work_report.view', [
                  { path: 'work-reports', element: <pages.WorkReportsPage /> },
                  { path: 'work-reports/:id', element: <pages.WorkReportDetailPage /> },
                ]),
                // Team visibility and coaching: the server limits both to the people of the reader's activity scope.
                guarded('activity.view', [
                  { path: 'team-activity', element: <pages.TeamActivityPage /> },
                  { path: 'coaching/:userId', element: <pages.CoachingPage /> },
                ]),
                // Anyone may be handed a lead.
                { path: 'leads', element: <pages.LeadsPage /> },
                guarded('user.view', [{ path: 'admin/users', element: <pages.UsersPage /> }]),
                guarded('department.view', [{ path: 'admin/departments', element: <pages.DepartmentsPage /> }]),
                guarded('role.view', [
                  { path: 'admin/roles', element: <pages.RolesPage /> },
                  { path: 'admin/roles/new', element: <pages.RoleEditorPage /> },
                  { path: 'admin/roles/:id', element: <pages.RoleEditorPage /> },
                ]),
                guarded('config.view', [
                  { path: 'admin/option-lists', element: <pages.OptionListsPage /> },
                  { path: 'admin/numbering', element: <pages.NumberingPage /> },
                  { path: 'admin/custom-fields', element: <pages.CustomFieldsPage /> },
                  { path: 'admin/settings', element: <pages.SettingsPage /> },
                  { path: 'admin/grading', element: <pages.GradingModelPage /> },
                  { path: 'admin/project-settings', element: <pages.ProjectSettingsPage /> },
                  { path: 'admin/outbox', element: <pages.OutboxPage /> },
                ]),
                guarded('project.configure', [{ path: 'admin/sales-processes', element: <pages.SalesProcessesPage /> }]),
                guarded('approval.view', [
                  { path: 'admin/approval-flows', element: <pages.ApprovalFlowsPage /> },
                  guarded('approval.configure', [{ path: 'admin/approval-flows/new', element: <pages.ApprovalFlowEditorPage /> }]),
                  { path: 'admin/approval-flows/:id', element: <pages.ApprovalFlowEditorPage /> },
                ]),
                guarded('audit.view', [{ path: 'admin/audit-log', element: <pages.AuditLogPage /> }]),
                { path: '*', element: <NotFoundResult /> },
              ],
            },
          ],
        },
      ],
    },
  ]);
