// The load scenarios: who asks for which list. (a)–(d) the organisation list, (e)–(g) the approvals inbox.

/** Which service function answers: its statements are captured and replayed raw (service-sql.ts). */
export type Endpoint = 'organizations' | 'approvals' | 'approval-counts';

export type Scenario = {
  id: string;
  title: string;
  /** rep: the median rep; manager: the regional manager of the biggest region; approver: the most pending approvals. */
  actor: 'rep' | 'manager' | 'approver';
  endpoint: Endpoint;
  query: Record<string, string>;
};

export type SearchTerms = { chinese: string; initials: string };

export function buildScenarios(terms: SearchTerms): Scenario[] {
  return [
    { id: 'a', title: 'rep: type filter, newest first', actor: 'rep', endpoint: 'organizations', query: { type: 'owner', sort: '-updatedAt', pageSize: '50' } },
    { id: 'b', title: 'manager: type filter, newest first', actor: 'manager', endpoint: 'organizations', query: { type: 'owner', sort: '-updatedAt', pageSize: '50' } },
    { id: 'c', title: `manager: q=${terms.chinese}, by name`, actor: 'manager', endpoint: 'organizations', query: { q: terms.chinese, sort: 'name', pageSize: '50' } },
    { id: 'd', title: `rep: q=${terms.initials} (pinyin initials)`, actor: 'rep', endpoint: 'organizations', query: { q: terms.initials, pageSize: '50' } },
    { id: 'e', title: 'approver: inbox, waiting for me', actor: 'approver', endpoint: 'approvals', query: { box: 'waiting', pageSize: '20' } },
    { id: 'f', title: 'approver: inbox, done by me', actor: 'approver', endpoint: 'approvals', query: { box: 'done', pageSize: '20' } },
    { id: 'g', title: 'approver: counts (sidebar)', actor: 'approver', endpoint: 'approval-counts', query: {} },
  ];
}

export function scenarioPath(scenario: Scenario): string {
  const query = new URLSearchParams(scenario.query).toString();
  const base = { organizations: '/api/v1/organizations', approvals: '/api/v1/approvals', 'approval-counts': '/api/v1/approvals/counts' }[scenario.endpoint];
  return query ? `${base}?${query}` : base;
}

/**
 * An answer reduced to what the raw replay must reproduce: a list's total and first page of ids; for the counts,
 * the waiting count as `total` and the other two counts as `firstIds`.
 */
export type Answer = { total: number; firstIds: string[] };

export function apiAnswer(endpoint: Endpoint, body: unknown): Answer {
  if (endpoint === 'approval-counts') {
    const counts = body as { waiting: number; submittedPending: number; returned: number };
    return { total: counts.waiting, firstIds: [String(counts.submittedPending), String(counts.returned)] };
  }
  const page = body as { total: number; items: { id: string }[] };
  return { total: page.total, firstIds: page.items.map((item) => item.id) };
}
