// The catalogue of function permissions, data scopes and protected fields: the vocabulary of the access layer.
import { z } from 'zod';

export const permissionActions = ['view', 'create', 'edit', 'delete', 'export', 'import', 'assign', 'approve', 'configure'] as const;
export type PermissionAction = (typeof permissionActions)[number];

/** Modules and the actions that mean something for each. */
export const permissionModules = {
  organization: ['view', 'create', 'edit', 'delete', 'export', 'import', 'assign'],
  /** Contacts follow their organisation's data scope; these say what the caller may do with the ones they reach. */
  contact: ['view', 'create', 'edit', 'delete', 'export', 'import'],
  /** view: see the pools one belongs to and claim from them; assign: hand pool customers to reps, return them; configure: pool rules. */
  pool: ['view', 'assign', 'configure'],
  /**
   * Sales projects (and their tenders). assign: hand projects to reps; approve: arbitrate registration conflicts and
   * override stage gates; configure: sales processes, the value model, closing reasons, stalled days.
   */
  project: ['view', 'create', 'edit', 'delete', 'export', 'assign', 'approve', 'configure'],
  user: ['view', 'create', 'edit', 'assign'],
  department: ['view', 'create', 'edit'],
  role: ['view', 'configure'],
  config: ['view', 'configure'],
  audit: ['view'],
  /** view: read approval flow definitions; configure: edit them. Acting on an approval needs being its approver. */
  approval: ['view', 'configure'],
  /**
   * Follow-up records, planned activities, tasks and the calendar (ACT-1, 2, 6). view: read within the activity scope
   * (a manager's team calendar and team visibility); export: the activity list to xlsx.
   */
  activity: ['view', 'create', 'edit', 'delete', 'export'],
  /** Daily and weekly work reports (ACT-4): view within the scope (and comment), create: write one's own. */
  work_report: ['view', 'create'],
} as const satisfies Record<string, readonly PermissionAction[]>;
export type PermissionModule = keyof typeof permissionModules;
export type Permission = `${PermissionModule}.${PermissionAction}`;

export const allPermissions: Permission[] = Object.entries(permissionModules).flatMap(([module, actions]) =>
  actions.map((action) => `${module}.${action}` as Permission),
);
export const permissionSchema = z.enum(allPermissions as [Permission, ...Permission[]]);

/** Record types whose rows have an owner and therefore a data scope. */
export const scopedRecordTypes = ['organization', 'project', 'activity', 'work_report'] as const;
export type ScopedRecordType = (typeof scopedRecordTypes)[number];

export const dataScopes = ['own', 'own_subordinates', 'department', 'department_tree', 'all'] as const;
export type DataScope = (typeof dataScopes)[number];
export const dataScopeSchema = z.enum(dataScopes);

/** Fields hidden from every role that is not granted them explicitly (field protection). */
export const protectedFields = {
  organization: ['creditRating'],
  project: [],
  activity: [],
  work_report: [],
} as const satisfies Record<ScopedRecordType, readonly string[]>;
export type ProtectedField = `${ScopedRecordType}.${string}`;

export const builtinRoleCodes = [
  'admin',
  'sales_director',
  'sales_manager',
  'supervisor',
  'sales_rep',
  'presales_engineer',
  'finance',
  'logistics',
  'service',
] as const;
export type BuiltinRoleCode = (typeof builtinRoleCodes)[number];
