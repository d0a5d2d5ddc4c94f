import type { Department } from '@openpsm/contracts';

export type DepartmentNode = Department & { children: DepartmentNode[] };

/** The API returns departments flat; the tree is built here. Orphans (parent missing) become roots. */
export const buildDepartmentTree = (departments: Department[]): DepartmentNode[] => {
  const nodes = new Map<string, DepartmentNode>();
  for (const department of departments) nodes.set(department.id, { ...department, children: [] });
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sortLevel = (level: DepartmentNode[]) => {
    level.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name));
    for (const node of level) sortLevel(node.children);
  };
  sortLevel(roots);
  return roots;
};

/** The department and everything below it: a department cannot move under itself. */
export const descendantIds = (departments: Department[], rootId: string): Set<string> => {
  const result = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const department of departments) {
      if (department.parentId && result.has(department.parentId) && !result.has(department.id)) {
        result.add(department.id);
        grew = true;
      }
    }
  }
  return result;
};
