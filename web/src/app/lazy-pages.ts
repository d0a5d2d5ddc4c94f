// Every page is its own chunk: the first screen loads only what it shows.
import { lazy } from 'react';
import type { ComponentType } from 'react';

const page = <K extends string>(loader: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await loader())[name] }));

export const LoginPage = page(() => import('../features/auth/login-page'), 'LoginPage');
export const ForgotPasswordPage = page(() => import('../features/auth/forgot-password-page'), 'ForgotPasswordPage');
export const ResetPasswordPage = page(() => import('../features/auth/reset-password-page'), 'ResetPasswordPage');
export const ProfilePage = page(() => import('../features/profile/profile-page'), 'ProfilePage');
export const OrganizationsPage = page(() => import('../features/organizations/organizations-page'), 'OrganizationsPage');
export const OrganizationDetailPage = page(() => import('../features/organizations/organization-detail-page'), 'OrganizationDetailPage');
export const MergePage = page(() => import('../features/merge/merge-page'), 'MergePage');
export const ProjectsPage = page(() => import('../features/projects/projects-page'), 'ProjectsPage');
export const ProjectDetailPage = page(() => import('../features/projects/project-detail-page'), 'ProjectDetailPage');
export const PipelinePage = page(() => import('../features/pipeline/pipeline-page'), 'PipelinePage');
export const ContactsPage = page(() => import('../features/contacts/contacts-page'), 'ContactsPage');
export const ContactDetailPage = page(() => import('../features/contacts/contact-detail-page'), 'ContactDetailPage');
export const PoolPage = page(() => import('../features/pool/pool-page'), 'PoolPage');
export const PoolRulesPage = page(() => import('../features/pool/pool-rules-page'), 'PoolRulesPage');
export const LeadsPage = page(() => import('../features/leads/leads-page'), 'LeadsPage');
export const GradingModelPage = page(() => import('../features/grading/grading-model-page'), 'GradingModelPage');
export const ProjectSettingsPage = page(() => import('../features/project-insight/project-settings-page'), 'ProjectSettingsPage');
export const SalesProcessesPage = page(() => import('../features/methodology/sales-processes-page'), 'SalesProcessesPage');
export const UsersPage = page(() => import('../features/users/users-page'), 'UsersPage');
export const DepartmentsPage = page(() => import('../features/departments/departments-page'), 'DepartmentsPage');
export const RolesPage = page(() => import('../features/roles/roles-page'), 'RolesPage');
export const RoleEditorPage = page(() => import('../features/roles/role-editor-page'), 'RoleEditorPage');
export const DelegationsPage = page(() => import('../features/delegations/delegations-page'), 'DelegationsPage');
export const OptionListsPage = page(() => import('../features/option-lists/option-lists-page'), 'OptionListsPage');
export const NumberingPage = page(() => import('../features/numbering/numbering-page'), 'NumberingPage');
export const CustomFieldsPage = page(() => import('../features/custom-fields/custom-fields-page'), 'CustomFieldsPage');
export const SettingsPage = page(() => import('../features/settings/settings-page'), 'SettingsPage');
export const AuditLogPage = page(() => import('../features/audit-log/audit-log-page'), 'AuditLogPage');
export const OutboxPage = page(() => import('../features/outbox/outbox-page'), 'OutboxPage');
export const ApprovalsPage = page(() => import('../features/approvals/approvals-page'), 'ApprovalsPage');
export const ImportsPage = page(() => import('../features/imports/imports-page'), 'ImportsPage');
export const ApprovalFlowsPage = page(() => import('../features/approval-flows/approval-flows-page'), 'ApprovalFlowsPage');
export const ApprovalFlowEditorPage = page(() => import('../features/approval-flows/approval-flow-editor-page'), 'ApprovalFlowEditorPage');
export const RegistrationInboxPage = page(() => import('../features/registration/registration-inbox-page'), 'RegistrationInboxPage');
export const PriceHistoryPage = page(() => import('../features/tenders/price-history-page'), 'PriceHistoryPage');
export const WorkReportsPage = page(() => import('../features/work-reports/work-reports-page'), 'WorkReportsPage');
export const WorkReportDetailPage = page(() => import('../features/work-reports/work-report-detail-page'), 'WorkReportDetailPage');
export const TeamActivityPage = page(() => import('../features/team-activity/team-activity-page'), 'TeamActivityPage');
export const CoachingPage = page(() => import('../features/team-activity/coaching-page'), 'CoachingPage');
export const ActivitiesPage = page(() => import('../features/activities/activities-page'), 'ActivitiesPage');
export const CalendarPage = page(() => import('../features/calendar/calendar-page'), 'CalendarPage');
export const TasksPage = page(() => import('../features/tasks/tasks-page'), 'TasksPage');
