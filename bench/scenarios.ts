// The load scenarios: who asks for which organisation list.

export type Scenario = {
  id: string;
  title: string;
  actor: 'rep' | 'manager';
  query: Record<string, string>;
};

export type SearchTerms = { chinese: string; initials: string };

export function buildScenarios(terms: SearchTerms): Scenario[] {
  return [
    { id: 'a', title: 'rep: type filter, newest first', actor: 'rep', query: { type: 'owner', sort: '-updatedAt', pageSize: '50' } },
    { id: 'b', title: 'manager: type filter, newest first', actor: 'manager', query: { type: 'owner', sort: '-updatedAt', pageSize: '50' } },
    { id: 'c', title: `manager: q=${terms.chinese}, by name`, actor: 'manager', query: { q: terms.chinese, sort: 'name', pageSize: '50' } },
    { id: 'd', title: `rep: q=${terms.initials} (pinyin initials)`, actor: 'rep', query: { q: terms.initials, pageSize: '50' } },
  ];
}

export function scenarioPath(scenario: Scenario): string {
  return `/api/v1/organizations?${new URLSearchParams(scenario.query).toString()}`;
}
