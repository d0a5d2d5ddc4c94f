// Both languages say the same things: every text exists in each, is not empty, and uses the same placeholders.
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(path, value);
    else for (const [leaf, text] of leaves(value, path)) result.set(leaf, text);
  }
  return result;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('messages', () => {
  const zh = leaves(zhCN as unknown as Tree);
  const english = leaves(en as unknown as Tree);

  it('have the same keys in both languages', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('are never empty', () => {
    const empty = [...zh, ...english].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...zh].filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(english.get(key) ?? ''))).map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});
