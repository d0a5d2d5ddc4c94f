// "Owned by someone in this department or below" as one SQL condition: departments keep a materialised path, so the
// tree is one prefix match. Lists filter by department with it (the board, activities).
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export const ownerInDepartmentTree = (ownerColumn: AnyPgColumn | SQL, departmentId: string): SQL =>
  sql`${ownerColumn} in (select u.id from users u join departments d on d.id = u.department_id
      where d.path like (select dd.path from departments dd where dd.id = ${departmentId}) || '%')`;
