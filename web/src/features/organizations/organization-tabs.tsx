// The one extension point of the organisation 360° page (CUS-6): every module that has something to say about an
// organisation adds one entry here — contacts, ties, later projects, activities, quotes, contracts … The page shows
// the entries in `order`, each only when `visible` says so, so there is never a placeholder tab for a module
// that does not exist yet or that the caller may not use.
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { Organization } from '@openpsm/contracts';
import { OrganizationDetails } from './organization-details';
import { OrganizationShares } from './organization-shares';
import { OrganizationHistory } from './organization-history';

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
    key: 'sharing',
    order: 900,
    label: ({ t }) => <span data-testid="org-sharing-tab">{t('organizations.tabs.sharing')}</span>,
    render: ({ organization }) => <OrganizationShares organizationId={organization.id} canShare={organization.access.share} ownerId={organization.owner?.id} />,
  },
  {
    key: 'history',
    order: 1000,
    label: ({ t }) => <span data-testid="org-history-tab">{t('organizations.tabs.history')}</span>,
    render: ({ organization }) => <OrganizationHistory id={organization.id} />,
  },
];
