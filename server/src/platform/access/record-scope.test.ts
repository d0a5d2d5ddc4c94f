// smallScope: which scopes count as a handful of owners (the prepared statements choose by it).
import { describe, expect, it } from 'vitest';
import { systemActor, type Actor } from './actor';
import { smallScope } from './record-scope';

const actorWith = (scope: Actor['scopes']['project'], changes: Partial<Actor> = {}): Actor => {
  const base = systemActor('u-rep');
  return { ...base, scopes: { ...base.scopes, project: scope }, reach: { own_subordinates: ['u-rep', 'u-a', 'u-b'], department: ['u-rep', 'u-a'], department_tree: ['u-rep', 'u-a', 'u-b', 'u-c'] }, ...changes };
};

describe('smallScope', () => {
  it('is one or two owners: a rep, a rep with a delegator', () => {
    expect(smallScope(actorWith('own'), 'project')).toBe(true);
    expect(smallScope(actorWith('own', { delegatorIds: ['u-away'] }), 'project')).toBe(true);
    expect(smallScope(actorWith('department'), 'project')).toBe(true);
  });

  it('is not three owners or more, nor everything', () => {
    expect(smallScope(actorWith('own', { delegatorIds: ['u-away', 'u-ill'] }), 'project')).toBe(false);
    expect(smallScope(actorWith('own_subordinates'), 'project')).toBe(false);
    expect(smallScope(actorWith('department_tree'), 'project')).toBe(false);
    expect(smallScope(actorWith('all'), 'project')).toBe(false);
  });
});
