import { describe, expect, it } from 'vitest';
import { totalOfPage } from './paging';

describe('totalOfPage', () => {
  const counted = (value: number) => {
    const count = async () => {
      count.calls += 1;
      return value;
    };
    count.calls = 0;
    return count;
  };

  it('takes the total from a page that is not full, without counting', async () => {
    const count = counted(999);
    expect(await totalOfPage(7, { page: 1, pageSize: 50 }, count)).toBe(7);
    expect(await totalOfPage(7, { page: 3, pageSize: 50 }, count)).toBe(107);
    expect(await totalOfPage(0, { page: 1, pageSize: 50 }, count)).toBe(0);
    expect(count.calls).toBe(0);
  });

  it('counts when the page is full or past the end', async () => {
    const count = counted(120);
    expect(await totalOfPage(50, { page: 1, pageSize: 50 }, count)).toBe(120);
    expect(await totalOfPage(0, { page: 9, pageSize: 50 }, count)).toBe(120);
    expect(count.calls).toBe(2);
  });
});
