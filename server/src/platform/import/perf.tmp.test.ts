import { it } from 'vitest';
import { createTestApp } from '../../test/test-app';
import { acceptanceFile, upload, workbook } from './import.fixtures';
import { runImport } from './import.runner';
it('perf', async () => {
  const t = await createTestApp();
  const dep = await t.createDepartment('x'); await t.createUser({ username: 'zhao', departmentId: dep, role: 'sales_director' });
  const token = await t.login('zhao');
  const file = acceptanceFile(10000, 99);
  const job = (await upload(t, token, 'organization', 'perf.xlsx', await workbook(file.headers, file.rows))).body;
  await t.call(token, 'POST', `/api/v1/imports/${job.id}/run`);
  const at = Date.now();
  console.log('RESULT', await runImport(t.database.db, job.id), 'rows/s', Math.round(10000 / ((Date.now() - at) / 1000)));
  await t.close();
}, 900000);
