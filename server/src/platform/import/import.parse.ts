// Reads an uploaded workbook (xlsx, first sheet) or CSV into a header row and rows of text, with spreadsheet row numbers.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { AppError } from '../errors';

export const MAX_IMPORT_ROWS = 200_000;
export const MAX_IMPORT_COLUMNS = 100;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type ParsedRow = { rowNumber: number; cells: string[] };
export type ParsedFile = { headers: string[]; rows: ParsedRow[] };

export type FileKind = 'xlsx' | 'csv';

export function fileKindOf(fileName: string): FileKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  throw new AppError('unsupported_media_type', 'Upload an .xlsx or .csv file', [{ path: 'file', code: 'import_file_type', message: 'import_file_type' }]);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** One cell as text: dates as YYYY-MM-DD, formulas by their result, rich text and links by their text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates carry no zone; ExcelJS reads them as UTC.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (cell.richText) return cell.richText.map((part) => part.text).join('').trim();
    if ('result' in cell) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.error) return '';
    return '';
  }
  return String(value).trim();
}

/** Empty rows (every cell blank) are skipped but keep their place in the numbering, so "row 12" is row 12 in Excel. */
function addRow(target: ParsedFile, rowNumber: number, cells: string[]) {
  if (cells.every((cell) => cell === '')) return;
  if (target.rows.length >= MAX_IMPORT_ROWS) {
    throw new AppError('payload_too_large', `At most ${MAX_IMPORT_ROWS} rows per import`, [{ path: 'file', code: 'import_too_many_rows', message: String(MAX_IMPORT_ROWS) }]);
  }
  target.rows.push({ rowNumber, cells });
}

/** Header cells: trimmed, blanks named by their column, repeated names made unique ("电话", "电话 (2)"). */
function uniqueHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    const base = cell.replace(/\s+/g, ' ').trim() || `#${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

function finish(headerCells: string[] | null, body: ParsedRow[]): ParsedFile {
  if (!headerCells) throw new AppError('invalid_input', 'The file has no header row', [{ path: 'file', code: 'import_empty', message: 'import_empty' }]);
  // Trailing blank header cells with no data under them are not columns.
  let width = headerCells.length;
  while (width > 0 && headerCells[width - 1] === '' && body.every((row) => (row.cells[width - 1] ?? '') === '')) width -= 1;
  if (width > MAX_IMPORT_COLUMNS) {
    throw new AppError('invalid_input', `At most ${MAX_IMPORT_COLUMNS} columns`, [{ path: 'file', code: 'import_too_many_columns', message: String(MAX_IMPORT_COLUMNS) }]);
  }
  const headers = uniqueHeaders(headerCells.slice(0, width));
  return { headers, rows: body.map((row) => ({ rowNumber: row.rowNumber, cells: headers.map((_, index) => row.cells[index] ?? '') })) };
}

/**
 * The first worksheet. Not ExcelJS's streaming reader: it decodes each inflated chunk on its own, so a Chinese character
 * split across two chunks comes out as U+FFFD (seen on a 600-row workbook). The whole-workbook reader is correct; the
 * 20 MB upload limit bounds its memory.
 */
export async function parseXlsx(buffer: Buffer): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid_input', 'The file is not a readable .xlsx workbook', [{ path: 'file', code: 'import_unreadable', message: 'import_unreadable' }]);
  }
  const worksheet = workbook.worksheets[0];
  let header: string[] | null = null;
  const collected: ParsedFile = { headers: [], rows: [] };
  worksheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // row.values is sparse (index 1 is column A): holes are empty cells.
    const values = Array.from((row.values as unknown[]).slice(1), cellText);
    if (!header) {
      if (!values.every((value) => value === '')) header = values;
      return;
    }
    addRow(collected, rowNumber, values);
  });
  return finish(header, collected.rows);
}

/** UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as GB18030 (a superset of GBK, what Chinese Excel saves as "CSV"). */
export function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside quotes; CRLF, LF or CR line ends. */
export function parseCsvText(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  // A semicolon-separated file (European Excel) has semicolons but no commas in its first line.
  const firstLine = text.slice(0, text.search(/\r|\n/) === -1 ? text.length : text.search(/\r|\n/));
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else field += char;
      index += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === separator) {
      record.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (char === '\r' && text[index + 1] === '\n') index += 1;
    } else field += char;
    index += 1;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

export function parseCsv(buffer: Buffer): ParsedFile {
  const records = parseCsvText(decodeText(buffer));
  let header: string[] | null = null;
  const collected: ParsedFile = { headers: [], rows: [] };
  records.forEach((record, index) => {
    const cells = record.map((cell) => cell.trim());
    if (!header) {
      if (cells.every((cell) => cell === '')) return;
      header = cells;
      return;
    }
    addRow(collected, index + 1, cells);
  });
  return finish(header, collected.rows);
}

export async function parseImportFile(fileName: string, data: Buffer | Uint8Array): Promise<ParsedFile> {
  // PGlite returns bytea as a Uint8Array, node-postgres as a Buffer.
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length > MAX_IMPORT_BYTES) {
    throw new AppError('payload_too_large', 'The file is too large', [{ path: 'file', code: 'import_file_too_large', message: String(MAX_IMPORT_BYTES) }]);
  }
  return fileKindOf(fileName) === 'xlsx' ? parseXlsx(buffer) : parseCsv(buffer);
}

/** A header as compared with aliases and shapes: no spaces, punctuation of either width, case, or a required-mark star. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊:：()（）[\]【】_\-/]+/g, '');
}

/** The file shape: which columns it has, whatever their order — the key a remembered mapping is found by. */
export function shapeOf(headers: string[]): string {
  const normalised = [...headers.map(normaliseHeader)].sort();
  return createHash('sha256').update(normalised.join('\u0000')).digest('hex').slice(0, 32);
}

/** An upload's rows: kept at upload (importJobs.rows), or, for an upload from before they were kept, its file parsed. */
export async function uploadedRows(job: { fileName: string; headers: string[]; file: Buffer | Uint8Array; rows: ParsedRow[] | null }): Promise<ParsedFile> {
  return job.rows ? { headers: job.headers, rows: job.rows } : parseImportFile(job.fileName, job.file);
}
