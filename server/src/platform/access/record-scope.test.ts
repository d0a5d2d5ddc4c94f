// smallScope: which scopes count as a handful of owners (the prepared statements choose by it); scopeTemplate: the
// scope condition with placeholders, one shape per form of the condition.
import { describe, expect, it } from 'vitest';
import { systemActor, type Actor } from './actor';
import { PgDialect } from 'drizzle-orm/pg-core';
import { ownedRecordTables } from './owned-records';
import { scopeTemplate, smallScope } from './record-scope';

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

describe('scopeTemplate', () => {
  const text = (template: ReturnType<typeof scopeTemplate>) => new PgDialect().sqlToQuery(template.condition).sql;
  const withOrganizations = (scope: Actor['scopes']['organization'], changes: Partial<Actor> = {}): Actor => {
    const actor = actorWith('own', changes);
    return { ...actor, scopes: { ...actor.scopes, organization: scope } };
  };

  it('fills the owners (and shared records) from the actor; actors of one form share a shape and a text', () => {
    const rep = scopeTemplate(withOrganizations('own'), ownedRecordTables.organization);
    expect(rep.shape).toBe('scopeOwners');
    expect(rep.values).toEqual({ scopeOwners: '{u-rep}' });
    const supervisor = scopeTemplate(withOrganizations('own_subordinates'), ownedRecordTables.organization);
    expect(supervisor.values).toEqual({ scopeOwners: '{u-rep,u-a,u-b}' });
    expect(text(supervisor)).toBe(text(rep));

    const sharing = withOrganizations('own');
    const shared = scopeTemplate({ ...sharing, shared: { ...sharing.shared, organization: { read: ['o-1', 'o-2'], edit: [] } } }, ownedRecordTables.organization);
    expect(shared.shape).toBe('scopeOwners+scopeShared');
    expect(shared.values).toEqual({ scopeOwners: '{u-rep}', scopeShared: '{o-1,o-2}' });
    expect(text(shared)).not.toBe(text(rep));
  });

  it('is no condition at all for a scope of everything', () => {
    const director = scopeTemplate(withOrganizations('all'), ownedRecordTables.organization);
    expect(director).toMatchObject({ shape: 'all', values: {} });
    expect(text(director)).toBe('true');
  });
});
