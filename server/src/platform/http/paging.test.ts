import { describe, expect, it } from 'vitest';
import { totalCarried } from './paging';

describe('totalCarried', () => {
  const counted = (value: number) => {
    const count = async () => {
      count.calls += 1;
      return value;
    };
    count.calls = 0;
    return count;
  };

  it('takes the total from the first row, as a number, without counting apart', async () => {
    const count = counted(999);
    expect(await totalCarried([{ total: '120' }, { total: '120' }], { page: 1 }, count)).toBe(120);
    expect(await totalCarried([{ total: 7 }], { page: 3 }, count)).toBe(7);
    expect(count.calls).toBe(0);
  });

  it('an empty first page is 0; an empty page past the end is counted', async () => {
    const count = counted(120);
    expect(await totalCarried([], { page: 1 }, count)).toBe(0);
    expect(count.calls).toBe(0);
    expect(await totalCarried([], { page: 9 }, count)).toBe(120);
    expect(count.calls).toBe(1);
  });
});
