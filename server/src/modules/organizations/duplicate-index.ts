// The duplicate check for bulk work (imports): the same rule as findDuplicateOrganizations — same credit code, or a
// normalised name (name_key) with pg_trgm similarity ≥ NAME_SIMILARITY_THRESHOLD — answered from an in-memory trigram
// index of every live organisation instead of one index probe per row. A probe of the GIN index costs milliseconds
// (an industry word such as 机械设备 puts a name's trigrams into tens of thousands of posting lists), which caps an
// import at a few hundred rows a second; the same answer from in-memory posting lists costs a few microseconds.
// The index is loaded once per import run and brought up to date before each batch (rows changed since, including
// the batches the run itself committed). duplicate-index.test.ts checks it agrees with the SQL check.
import { gte, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { companyNameKey } from './company-name';
import { NAME_SIMILARITY_THRESHOLD } from './duplicates';
import { organizations } from './organizations.table';

/**
 * pg_trgm's trigrams of a name key: the key holds letters, digits and CJK ideographs only (company-name.ts), so it is
 * one word, padded with two spaces before and one after; duplicates count once.
 */
export function trigramsOf(key: string): string[] {
  const characters = [' ', ' ', ...key, ' '];
  const trigrams = new Set<string>();
  for (let index = 0; index + 3 <= characters.length; index += 1) trigrams.add(characters.slice(index, index + 3).join(''));
  return [...trigrams];
}

type Entry = { id: string; key: string; trigrams: string[]; creditCode: string | null; live: boolean };

export class OrganizationDuplicateIndex {
  private readonly entries: Entry[] = [];
  private readonly positionById = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private readonly byCreditCode = new Map<string, number>();
  /** Marks the candidates of one look-up (reset after it, only the touched ones). */
  private counts = new Uint8Array(1024);
  private loadedUpTo: Date | null = null;

  static async load(db: DbOrTx): Promise<OrganizationDuplicateIndex> {
    const index = new OrganizationDuplicateIndex();
    await index.refresh(db);
    return index;
  }

  /** Reads the organisations changed since the last load (all of them the first time). */
  async refresh(db: DbOrTx): Promise<void> {
    const [{ now }] = (await db.execute<{ now: string }>(sql`select now()::text as now`)).rows as [{ now: string }];
    const rows = await db
      .select({ id: organizations.id, key: organizations.nameKey, creditCode: organizations.creditCode, deletedAt: organizations.deletedAt })
      .from(organizations)
      .where(this.loadedUpTo ? gte(organizations.updatedAt, this.loadedUpTo) : isNull(organizations.deletedAt));
    for (const row of rows) this.put(row.id, row.key, row.creditCode, row.deletedAt === null);
    // A little overlap: a row committed with an updated_at just before `now` is read again, which is harmless.
    this.loadedUpTo = new Date(new Date(now).getTime() - 60_000);
  }

  /** Adds or replaces one organisation (a replaced one stays in its old posting lists as a dead entry). */
  put(id: string, key: string, creditCode: string | null, live = true): void {
    const previous = this.positionById.get(id);
    if (previous !== undefined) {
      const entry = this.entries[previous]!;
      if (entry.key === key && entry.creditCode === creditCode && entry.live === live) return;
      entry.live = false;
      if (entry.creditCode && this.byCreditCode.get(entry.creditCode) === previous) this.byCreditCode.delete(entry.creditCode);
    }
    if (!live) return;
    const position = this.entries.length;
    const trigrams = [...key].length >= 2 ? trigramsOf(key) : [];
    this.entries.push({ id, key, trigrams, creditCode, live: true });
    this.positionById.set(id, position);
    if (creditCode) this.byCreditCode.set(creditCode, position);
    for (const trigram of trigrams) {
      const list = this.postings.get(trigram);
      if (list) list.push(position);
      else this.postings.set(trigram, [position]);
    }
    if (this.entries.length > this.counts.length) {
      const grown = new Uint8Array(this.counts.length * 2);
      grown.set(this.counts);
      this.counts = grown;
    }
  }

  /** The best existing match of a name (and credit code): the credit code first, then the most similar name. */
  bestMatch(input: { name?: string | null; creditCode?: string | null }): string | null {
    const code = input.creditCode?.trim().toUpperCase();
    if (code) {
      const position = this.byCreditCode.get(code);
      if (position !== undefined && this.entries[position]!.live) return this.entries[position]!.id;
    }
    const key = input.name ? companyNameKey(input.name) : '';
    if ([...key].length < 2) return null;
    const trigrams = trigramsOf(key);
    const wanted = new Set(trigrams);
    // A name with similarity ≥ θ shares at least ⌈θ·n⌉ of the n trigrams (similarity = s / (n + m − s) and m ≥ s),
    // so it appears in at least one of any n − ⌈θ·n⌉ + 1 of their posting lists: candidates come from the rarest
    // ones only, and the common lists (机械设备's trigrams, tens of thousands long) are never walked.
    const lists = trigrams.map((trigram) => this.postings.get(trigram) ?? []).sort((left, right) => left.length - right.length);
    const needed = Math.max(1, Math.ceil(NAME_SIMILARITY_THRESHOLD * trigrams.length - 1e-9));
    const candidates: number[] = [];
    for (const list of lists.slice(0, trigrams.length - needed + 1)) {
      for (const position of list) {
        if (this.counts[position] === 0) {
          this.counts[position] = 1;
          candidates.push(position);
        }
      }
    }
    let best: { position: number; score: number } | null = null;
    for (const position of candidates) {
      this.counts[position] = 0;
      const entry = this.entries[position]!;
      if (!entry.live) continue;
      let shared = 0;
      for (const trigram of entry.trigrams) if (wanted.has(trigram)) shared += 1;
      // pg_trgm's similarity: shared trigrams over the union of both sets.
      const score = shared / (trigrams.length + entry.trigrams.length - shared);
      if (score < NAME_SIMILARITY_THRESHOLD) continue;
      if (!best || score > best.score || (score === best.score && entry.key < this.entries[best.position]!.key)) best = { position, score };
    }
    return best ? this.entries[best.position]!.id : null;
  }
}
