// The duplicate check for bulk work (imports): the same rule as findDuplicateOrganizations — same credit code, or a
// normalised name (name_key) with pg_trgm similarity ≥ NAME_SIMILARITY_THRESHOLD — answered from an in-memory trigram
// index of every live organisation instead of one index probe per row. A probe of the GIN index costs milliseconds
// (an industry word such as 机械设备 puts a name's trigrams into tens of thousands of posting lists), which caps an
// import at a few hundred rows a second; the same answer from in-memory posting lists costs a few microseconds.
// The index is loaded once per import run and brought up to date before each batch (rows changed since, including
// the batches the run itself committed, and rows of transactions that were still open at the last refresh). duplicate-index.test.ts checks it agrees with the SQL check.
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
  const characters = Array.from(key);
  const trigrams: string[] = [];
  let first = ' ';
  let second = ' ';
  for (let index = 0; index <= characters.length; index += 1) {
    const third = index < characters.length ? characters[index]! : ' ';
    const trigram = first + second + third;
    // A key has a few dozen trigrams at most: a linear look-up beats a Set here (this runs for every organisation).
    if (!trigrams.includes(trigram)) trigrams.push(trigram);
    first = second;
    second = third;
  }
  return trigrams;
}

/** Dense numbers for the characters seen in keys (0: not yet seen), so a trigram is one exact double, not a string. */
const characterNumbers = new Uint32Array(0x110000);
let nextCharacterNumber = 1;
const TRIGRAM_BASE = 2 ** 17;

/** The trigrams of trigramsOf(key) as numbers (c1·B² + c2·B + c3 with B = 2¹⁷ dense character numbers; < 2⁵³). */
function trigramCodes(key: string): number[] {
  const codes: number[] = [];
  let first = characterNumber(32);
  let second = first;
  const space = first;
  const length = key.length;
  for (let index = 0; index <= length; index += 1) {
    let third = space;
    if (index < length) {
      const point = key.codePointAt(index)!;
      if (point > 0xffff) index += 1;
      third = characterNumber(point);
    }
    const code = (first * TRIGRAM_BASE + second) * TRIGRAM_BASE + third;
    if (!codes.includes(code)) codes.push(code);
    first = second;
    second = third;
  }
  return codes;
}

function characterNumber(point: number): number {
  let number = characterNumbers[point]!;
  if (number === 0) {
    // More distinct characters than 2¹⁷ − 1 cannot occur in keys (letters, digits, CJK): share the last number then.
    number = Math.min(nextCharacterNumber, TRIGRAM_BASE - 1);
    nextCharacterNumber += 1;
    characterNumbers[point] = number;
  }
  return number;
}

/** How far behind the database's clock an application server's may run (updated_at set by the server). */
const CLOCK_MARGIN_MS = 2_000;

/** Grows an Int32Array/Uint8Array-backed column to hold at least `size` values. */
function grown<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/**
 * Entries are columns (ids, keys, credit codes, liveness, trigram ids in one flat array) and trigrams are integers:
 * a look-up touches typed arrays only, and 200,000 entries are a few objects for the garbage collector, not a million.
 */
export class OrganizationDuplicateIndex {
  private readonly ids: string[] = [];
  private readonly keys: string[] = [];
  private readonly creditCodes: (string | null)[] = [];
  private live = new Uint8Array(1024);
  /** Entry i's trigram ids are trigramData[trigramStart[i] .. trigramStart[i + 1]). */
  private trigramStart = new Int32Array(1025);
  private trigramData = new Int32Array(16384);
  private readonly trigramIds = new Map<number, number>();
  private readonly postings: number[][] = [];
  private readonly positionById = new Map<string, number>();
  private readonly byCreditCode = new Map<string, number>();
  /** Marks the candidates of one look-up (reset after it, only the touched ones). */
  private seen = new Uint8Array(1024);
  /** Marks the trigrams of the name being looked up. */
  private wanted = new Uint8Array(1024);
  private loadedUpTo: Date | null = null;

  static async load(db: DbOrTx): Promise<OrganizationDuplicateIndex> {
    const index = new OrganizationDuplicateIndex();
    await index.refresh(db);
    return index;
  }

  /** Reads the organisations changed since the last load (all of them the first time). */
  async refresh(db: DbOrTx): Promise<void> {
    // The next refresh starts where a row this one cannot see yet may have been stamped: at the start of the oldest
    // transaction still open (its rows carry its start time and commit later), less a margin for updated_at set
    // by an application server whose clock runs behind the database's. Starting from a fixed minute ago instead
    // re-read a whole minute of the import's own rows before every batch.
    const [{ now, oldest }] = (
      await db.execute<{ now: string; oldest: string | null }>(
        sql`select now()::text as now, (select min(xact_start) from pg_stat_activity where datname = current_database() and xact_start is not null and pid <> pg_backend_pid())::text as oldest`,
      )
    ).rows as [{ now: string; oldest: string | null }];
    const rows = await db
      .select({ id: organizations.id, key: organizations.nameKey, creditCode: organizations.creditCode, deletedAt: organizations.deletedAt })
      .from(organizations)
      .where(this.loadedUpTo ? gte(organizations.updatedAt, this.loadedUpTo) : isNull(organizations.deletedAt));
    for (const row of rows) this.put(row.id, row.key, row.creditCode, row.deletedAt === null);
    const from = Math.min(new Date(now).getTime(), oldest ? new Date(oldest).getTime() : Infinity);
    this.loadedUpTo = new Date(from - CLOCK_MARGIN_MS);
  }

  private trigramId(trigram: number, create: boolean): number {
    let id = this.trigramIds.get(trigram);
    if (id === undefined) {
      if (!create) return -1;
      id = this.postings.length;
      this.trigramIds.set(trigram, id);
      this.postings.push([]);
    }
    return id;
  }

  /** Adds or replaces one organisation (a replaced one stays in its old posting lists as a dead entry). */
  put(id: string, key: string, creditCode: string | null, live = true): void {
    const previous = this.positionById.get(id);
    if (previous !== undefined) {
      if (this.keys[previous] === key && this.creditCodes[previous] === creditCode && this.live[previous] === Number(live)) return;
      this.live[previous] = 0;
      if (this.creditCodes[previous] && this.byCreditCode.get(this.creditCodes[previous]!) === previous) this.byCreditCode.delete(this.creditCodes[previous]!);
    }
    if (!live) return;
    const position = this.ids.length;
    const trigrams = hasTwoCharacters(key) ? trigramCodes(key) : [];
    this.ids.push(id);
    this.keys.push(key);
    this.creditCodes.push(creditCode);
    this.live = grown(this.live, position + 1);
    this.seen = grown(this.seen, position + 1);
    this.live[position] = 1;
    this.trigramStart = grown(this.trigramStart, position + 2);
    const start = this.trigramStart[position]!;
    this.trigramData = grown(this.trigramData, start + trigrams.length);
    for (const [offset, trigram] of trigrams.entries()) {
      const trigramId = this.trigramId(trigram, true);
      this.trigramData[start + offset] = trigramId;
      this.postings[trigramId]!.push(position);
    }
    this.trigramStart[position + 1] = start + trigrams.length;
    this.positionById.set(id, position);
    if (creditCode) this.byCreditCode.set(creditCode, position);
    this.wanted = grown(this.wanted, this.postings.length);
  }

  /** How many entries were ever added: a look-up `from` this count sees only entries added after it. */
  get size(): number {
    return this.ids.length;
  }

  /** The best existing match of a name (and credit code): the credit code first, then the most similar name. */
  bestMatch(input: { name?: string | null; creditCode?: string | null }): string | null {
    return this.match(input)?.id ?? null;
  }

  /**
   * The best match among the entries added since `from` (all of them by default), with its score (Infinity for a
   * credit code): an import compares what it matched before a batch was committed with what that batch added.
   */
  match(input: { name?: string | null; creditCode?: string | null }, from = 0): { id: string; score: number; key: string } | null {
    const code = input.creditCode?.trim().toUpperCase();
    if (code) {
      const position = this.byCreditCode.get(code);
      if (position !== undefined && position >= from && this.live[position]) return { id: this.ids[position]!, score: Infinity, key: this.keys[position]! };
    }
    const key = input.name ? companyNameKey(input.name) : '';
    if (!hasTwoCharacters(key)) return null;
    const trigrams = trigramCodes(key);
    // Trigrams no entry has still count in the similarity's union; they have no posting list.
    const known = trigrams.map((trigram) => this.trigramId(trigram, false)).filter((id) => id >= 0);
    // A name with similarity ≥ θ shares at least ⌈θ·n⌉ of the n trigrams (similarity = s / (n + m − s) and m ≥ s),
    // so it appears in at least one of any n − ⌈θ·n⌉ + 1 of their posting lists: candidates come from the rarest
    // ones only, and the common lists (机械设备's trigrams, tens of thousands long) are never walked. The unknown
    // trigrams are the rarest of all (empty lists): they use up part of that walk.
    const needed = Math.max(1, Math.ceil(NAME_SIMILARITY_THRESHOLD * trigrams.length - 1e-9));
    const walked = Math.max(0, trigrams.length - needed + 1 - (trigrams.length - known.length));
    const lists = known.map((id) => this.postings[id]!).sort((left, right) => left.length - right.length);
    const { seen, live, wanted, trigramStart, trigramData } = this;
    const candidates: number[] = [];
    const walkedLists = lists.slice(0, walked);
    for (const list of walkedLists) {
      // Posting lists grow in position order: the entries added since `from` are a tail.
      for (let offset = from === 0 ? 0 : firstAtLeast(list, from); offset < list.length; offset += 1) {
        const position = list[offset]!;
        if (live[position] === 0) continue;
        // `seen` counts in how many of the walked lists a candidate is (at most 255 lists: keys are far shorter).
        if (seen[position] === 0) candidates.push(position);
        seen[position]! += 1;
      }
    }
    const unwalked = lists.length - walkedLists.length;
    for (const id of known) wanted[id] = 1;
    let bestPosition = -1;
    let bestScore = 0;
    for (const position of candidates) {
      const walkedShared = seen[position]!;
      seen[position] = 0;
      const start = trigramStart[position]!;
      const end = trigramStart[position + 1]!;
      // s / (n + m − s) ≥ θ needs s ≥ θ(n + m) / (1 + θ); the unwalked lists add at most one each. Most candidates
      // fail this on their trigram count alone, without reading their trigrams.
      const needShared = (NAME_SIMILARITY_THRESHOLD * (trigrams.length + end - start)) / (1 + NAME_SIMILARITY_THRESHOLD) - 1e-9;
      if (walkedShared + unwalked < needShared) continue;
      let shared = 0;
      for (let offset = start; offset < end; offset += 1) shared += wanted[trigramData[offset]!]!;
      // pg_trgm's similarity: shared trigrams over the union of both sets.
      const score = shared / (trigrams.length + (end - start) - shared);
      if (score >= NAME_SIMILARITY_THRESHOLD && (bestPosition < 0 || isBetter(score, this.keys[position]!, bestScore, this.keys[bestPosition]!))) {
        bestPosition = position;
        bestScore = score;
      }
    }
    for (const id of known) wanted[id] = 0;
    return bestPosition >= 0 ? { id: this.ids[bestPosition]!, score: bestScore, key: this.keys[bestPosition]! } : null;
  }
}

/** Whether a key is long enough to compare (as the SQL check: one character is too little); counts code points. */
function hasTwoCharacters(key: string): boolean {
  return key.length >= 4 || Array.from(key).length >= 2;
}

/** The order of the SQL check: higher score first, then the smaller key. */
export function isBetter(score: number, key: string, thanScore: number, thanKey: string): boolean {
  return score > thanScore || (score === thanScore && key < thanKey);
}

/** The first index of an ascending list whose value is ≥ `value`. */
function firstAtLeast(list: number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
