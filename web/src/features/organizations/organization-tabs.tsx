// The one extension point of the organisation 360° page (CUS-6): every module that has something to say about an
// organisation adds one entry here — contacts, ties, later projects, activities, quotes, contracts … The page shows
// the entries in `order`, each only when `visible` says so, so there is never a placeholder tab for a module
// that does not exist yet or that the caller may not use.
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { Organization } from '@openpsm/contracts';
import { OrganizationDetails } from './organization-details';
import { RecordShares } from '../../components/record-shares/record-shares';
import { OrganizationHistory } from './organization-history';
import { CompetitorProfilePanel } from './competitor-profile';
import { OrganizationContacts } from '../contacts/organization-contacts';
import { OrganizationRelationships } from '../relationships/organization-relationships';
import { OrganizationLifecycle } from '../pool/organization-lifecycle';
import { OrganizationProjects } from '../projects/organization-projects';
import { RecordActivities } from '../activities/record-activities';
import { RecordTasks } from '../tasks/record-tasks';

export type OrganizationTabContext = {
  organization: Organization;
  /** The caller's function permissions (session). */
  can: (permission: string) => boolean;
  t: TFunction;
};

export type OrganizationTab = {
  key: string;
  /** Position on the page: details 0, history 1000; modules pick a number in between. */
  order: number;
  label: (context: OrganizationTabContext) => ReactNode;
  render: (context: OrganizationTabContext) => ReactNode;
  visible?: (context: OrganizationTabContext) => boolean;
};

export const organizationTabs: OrganizationTab[] = [
  { key: 'details', order: 0, label: ({ t }) => t('organizations.tabs.details'), render: ({ organization }) => <OrganizationDetails organization={organization} /> },
  {
    key: 'contacts',
    order: 100,
    label: ({ t }) => <span data-testid="org-contacts-tab">{t('contacts.tabs.contacts')}</span>,
    render: ({ organization }) => <OrganizationContacts organization={organization} />,
    visible: ({ can }) => can('contact.view'),
  },
  {
    key: 'lifecycle',
    order: 50,
    label: ({ t }) => <span data-testid="org-lifecycle-tab">{t('lifecycle.tab')}</span>,
    render: ({ organization }) => <OrganizationLifecycle organization={organization} />,
  },
  {
    key: 'activities',
    order: 80,
    label: ({ t }) => <span data-testid="org-activities-tab">{t('activities.record.tab')}</span>,
    render: ({ organization }) => <RecordActivities filter={{ organizationId: organization.id }} context={{ organization: { id: organization.id, name: organization.name } }} />,
    visible: ({ can }) => can('activity.view'),
  },
  {
    key: 'tasks',
    order: 250,
    label: ({ t }) => <span data-testid="org-tasks-tab">{t('activities.record.tasksTab')}</span>,
    render: ({ organization }) => <RecordTasks filter={{ organizationId: organization.id }} context={{ organization: { id: organization.id, name: organization.name } }} />,
    visible: ({ can }) => can('activity.view'),
  },
  {
    key: 'projects',
    order: 200,
    label: ({ t }) => <span data-testid="org-projects-tab">{t('projects.tabs.projects')}</span>,
    render: ({ organization }) => <OrganizationProjects organization={organization} />,
    visible: ({ can }) => can('project.view'),
  },
  {
    key: 'relationships',
    order: 300,
    label: ({ t }) => <span data-testid="org-relationships-tab">{t('relationships.tab')}</span>,
    render: ({ organization }) => <OrganizationRelationships organization={organization} canEdit={organization.access.edit} />,
  },
  {
    key: 'competitor',
    order: 500,
    label: ({ t }) => <span data-testid="org-competitor-tab">{t('competitor.tab')}</span>,
    render: ({ organization }) => <CompetitorProfilePanel organization={organization} />,
    visible: ({ organization }) => organization.type === 'competitor',
  },
  {
    key: 'sharing',
    order: 900,
    label: ({ t }) => <span data-testid="org-sharing-tab">{t('organizations.tabs.sharing')}</span>,
    render: ({ organization }) => <RecordShares resource="organizations" recordId={organization.id} canShare={organization.access.share} ownerId={organization.owner?.id} />,
  },
  {
    key: 'history',
    order: 1000,
    label: ({ t }) => <span data-testid="org-history-tab">{t('organizations.tabs.history')}</span>,
    render: ({ organization }) => <OrganizationHistory id={organization.id} />,
  },
];
