// The one extension point of the project page (PRJ-1 … PRJ-13): every project module adds one entry here — stage
// panel, stakeholder map, competition, plan, tenders, registration … The page shows the entries in `order`, each only
// when `visible` says so, so there is never a placeholder tab for a module that does not exist yet or that the caller
// may not use. Modelled on organization-tabs.tsx.
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { Project } from '@openpsm/contracts';
import { ProjectDetails } from './project-details';
import { ProjectOrganizations } from './project-organizations';
import { ProjectTeam } from './project-team';
import { ProjectHistory } from './project-history';
import { CompetitionPanel } from '../project-insight/competition-panel';
import { StakeholderMap } from '../project-insight/stakeholder-map';
import { StagePanel } from '../methodology/stage-panel';
import { ProjectPlanTab } from '../project-plan/project-plan-tab';
import { TendersTab } from '../tenders/tenders-tab';
import { RecordActivities } from '../activities/record-activities';
import { RecordTasks } from '../tasks/record-tasks';
import { RecordShares } from '../../components/record-shares/record-shares';

export type ProjectTabContext = {
  project: Project;
  /** The caller's function permissions (session). */
  can: (permission: string) => boolean;
  t: TFunction;
};

export type ProjectTab = {
  key: string;
  /** Position on the page: details 0, history 1000; modules pick a number in between (stage 50, stakeholders 200 …). */
  order: number;
  label: (context: ProjectTabContext) => ReactNode;
  render: (context: ProjectTabContext) => ReactNode;
  visible?: (context: ProjectTabContext) => boolean;
};

export const projectTabs: ProjectTab[] = [
  {
    key: 'details',
    order: 0,
    label: ({ t }) => <span data-testid="project-details-tab">{t('projects.tabs.details')}</span>,
    render: ({ project }) => <ProjectDetails project={project} />,
  },
  {
    key: 'stages',
    order: 50,
    label: ({ t }) => <span data-testid="project-stages-tab">{t('methodology.tab')}</span>,
    render: ({ project }) => <StagePanel project={project} />,
  },
  {
    key: 'activities',
    order: 60,
    label: ({ t }) => <span data-testid="project-activities-tab">{t('activities.record.tab')}</span>,
    render: ({ project }) => (
      <RecordActivities filter={{ projectId: project.id }} context={{ organization: project.organization, project: { id: project.id, name: project.name } }} />
    ),
    visible: ({ can }) => can('activity.view'),
  },
  {
    key: 'tasks',
    order: 550,
    label: ({ t }) => <span data-testid="project-tasks-tab">{t('activities.record.tasksTab')}</span>,
    render: ({ project }) => <RecordTasks filter={{ projectId: project.id }} context={{ organization: project.organization, project: { id: project.id, name: project.name } }} />,
    visible: ({ can }) => can('activity.view'),
  },
  {
    key: 'organizations',
    order: 100,
    label: ({ t }) => <span data-testid="project-organizations-tab">{t('projects.tabs.organizations')}</span>,
    render: ({ project }) => <ProjectOrganizations project={project} />,
  },
  {
    key: 'stakeholders',
    order: 200,
    label: ({ t }) => <span data-testid="project-stakeholders-tab">{t('projectInsight.tabs.stakeholders')}</span>,
    render: ({ project }) => <StakeholderMap project={project} />,
  },
  {
    key: 'competition',
    order: 300,
    label: ({ t }) => <span data-testid="project-competition-tab">{t('projectInsight.tabs.competition')}</span>,
    render: ({ project }) => <CompetitionPanel project={project} />,
  },
  {
    key: 'team',
    order: 400,
    label: ({ t }) => <span data-testid="project-team-tab">{t('projects.tabs.team')}</span>,
    render: ({ project }) => <ProjectTeam project={project} />,
  },
  {
    key: 'plan',
    order: 500,
    label: ({ t }) => <span data-testid="project-plan-tab">{t('projectPlan.tab')}</span>,
    render: ({ project }) => <ProjectPlanTab project={project} />,
  },
  {
    key: 'tenders',
    order: 600,
    label: ({ t }) => <span data-testid="project-tenders-tab">{t('tenders.tab')}</span>,
    render: ({ project }) => <TendersTab project={project} />,
  },
  {
    key: 'sharing',
    order: 900,
    label: ({ t }) => <span data-testid="project-sharing-tab">{t('organizations.tabs.sharing')}</span>,
    render: ({ project }) => <RecordShares resource="projects" recordId={project.id} canShare={project.access.share} ownerId={project.owner?.id} />,
  },
  {
    key: 'history',
    order: 1000,
    label: ({ t }) => <span data-testid="project-history-tab">{t('projects.tabs.history')}</span>,
    render: ({ project }) => <ProjectHistory id={project.id} />,
  },
];
