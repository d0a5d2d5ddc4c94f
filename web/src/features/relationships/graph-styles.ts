// Colours of the relationship graph: nodes by kind (grey when out of scope), edges by tie type; and the record link.
import type { GraphNode } from '@openpsm/contracts';
import { organizationTieTypes, personTieTypes } from '@openpsm/contracts';

export const nodeKindColor: Record<GraphNode['kind'], string> = {
  organization: '#1677ff',
  contact: '#52c41a',
  user: '#fa8c16',
};
export const UNREADABLE_COLOR = '#bfbfbf';

export const edgeTypeColor: Record<string, string> = {
  parent_of: '#722ed1',
  partner: '#13c2c2',
  design_institute_of: '#2f54eb',
  supplier_to: '#d48806',
  competitor_of: '#f5222d',
  custom: '#8c8c8c',
  reports_to: '#531dab',
  friend: '#eb2f96',
  former_colleague: '#7cb305',
  relative: '#fa541c',
  knows: '#fa8c16',
  employment: '#d9d9d9',
};

/** Every tie type the graph can filter by, organisation ties first. */
export const allTieTypes: string[] = [...organizationTieTypes, ...personTieTypes.filter((type) => type !== 'custom')];

/** Ties whose arrow means something (from → to). */
export const directedEdgeTypes = new Set(['parent_of', 'design_institute_of', 'supplier_to', 'reports_to', 'custom']);

/** Where a node opens: organisations and contacts the caller may read; our users and out-of-scope names do not. */
export const nodeHref = (node: Pick<GraphNode, 'kind' | 'recordId' | 'readable'>): string | null => {
  if (!node.readable) return null;
  if (node.kind === 'organization') return `/organizations/${node.recordId}`;
  if (node.kind === 'contact') return `/contacts/${node.recordId}`;
  return null;
};
