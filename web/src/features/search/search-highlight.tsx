// Marks every occurrence of the query in a text (case-insensitive), so the reader sees why a result is there.
import { Fragment } from 'react';

export const splitByMatch = (text: string, query: string): { text: string; match: boolean }[] => {
  const needle = query.trim().toLowerCase();
  if (!needle) return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  const haystack = text.toLowerCase();
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
};

export const SearchHighlight = ({ text, query }: { text: string; query: string }) => (
  <>
    {splitByMatch(text, query).map((part, index) =>
      part.match ? (
        <mark key={index} style={{ padding: 0, background: '#ffe58f', color: 'inherit' }}>
          {part.text}
        </mark>
      ) : (
        <Fragment key={index}>{part.text}</Fragment>
      ),
    )}
  </>
);
