// The one extension point of the contact page: every module with something to say about a person adds one entry
// here — relationship graph, later projects and activities. The page shows the entries in `order`, each only when
// `visible` says so, so there is never a placeholder tab.
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { Contact } from '@openpsm/contracts';
import { ContactDetails } from './contact-details';
import { ContactPositions } from './contact-positions';
import { ContactHistory } from './contact-history';
import { ContactRelationships } from '../relationships/contact-relationships';
import { RecordActivities } from '../activities/record-activities';
import { RecordTasks } from '../tasks/record-tasks';

export type ContactTabContext = {
  contact: Contact;
  /** The caller's function permissions (session). */
  can: (permission: string) => boolean;
  t: TFunction;
};

export type ContactTab = {
  key: string;
  /** Position on the page: details 0, job history 100, history 1000; modules pick a number in between. */
  order: number;
  label: (context: ContactTabContext) => ReactNode;
  render: (context: ContactTabContext) => ReactNode;
  visible?: (context: ContactTabContext) => boolean;
};

export const contactTabs: ContactTab[] = [
  { key: 'details', order: 0, label: ({ t }) => t('contacts.tabs.details'), render: ({ contact }) => <ContactDetails contact={contact} /> },
  {
    key: 'activities',
    order: 50,
    label: ({ t }) => <span data-testid="contact-activities-tab">{t('activities.record.tab')}</span>,
    render: ({ contact }) => (
      <RecordActivities filter={{ contactId: contact.id }} context={{ organization: contact.organization, contact: { id: contact.id, name: contact.name } }} />
    ),
    visible: ({ can }) => can('activity.view'),
  },
  {
    key: 'tasks',
    order: 150,
    label: ({ t }) => <span data-testid="contact-tasks-tab">{t('activities.record.tasksTab')}</span>,
    render: ({ contact }) => <RecordTasks filter={{ contactId: contact.id }} context={{ organization: contact.organization, contact: { id: contact.id, name: contact.name } }} />,
    visible: ({ can }) => can('activity.view'),
  },
  {
    key: 'positions',
    order: 100,
    label: ({ t }) => <span data-testid="contact-positions-tab">{t('contacts.tabs.positions')}</span>,
    render: ({ contact }) => <ContactPositions id={contact.id} />,
  },
  {
    key: 'relationships',
    order: 300,
    label: ({ t }) => <span data-testid="contact-relationships-tab">{t('relationships.tab')}</span>,
    render: ({ contact, can }) => <ContactRelationships contact={contact} canEdit={contact.access.edit && can('contact.edit')} />,
  },
  {
    key: 'history',
    order: 1000,
    label: ({ t }) => <span data-testid="contact-history-tab">{t('contacts.tabs.history')}</span>,
    render: ({ contact }) => <ContactHistory id={contact.id} />,
  },
];
