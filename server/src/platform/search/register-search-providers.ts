// Every record type found by the header search, registered once at start-up. A later module adds one line here
// (or calls registerSearchProvider from its own module) and its type to `searchTypes` in contracts/src/search.ts.
import { activitySearchProvider } from './providers/activities.search';
import { contactSearchProvider } from './providers/contacts.search';
import { organizationSearchProvider } from './providers/organizations.search';
import { projectSearchProvider } from './providers/projects.search';
import { registerSearchProvider } from './search-registry';

export function registerSearchProviders() {
  registerSearchProvider(organizationSearchProvider);
  registerSearchProvider(contactSearchProvider);
  registerSearchProvider(projectSearchProvider);
  registerSearchProvider(activitySearchProvider);
}
