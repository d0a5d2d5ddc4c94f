// Pure rules of follow-up records (ACT-1, ACT-6) the screens share: the subject a quick log proposes, type colours,
// who may check in, how a position reads, and how list links (team visibility drill-down) become an API query.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { Activity, Contact, Project } from '@openpsm/contracts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The built-in types' colours: hex for the calendar, the antd preset for tags. A type an admin adds gets one by hash. */
const TYPE_COLORS: Record<string, { hex: string; tag: string }> = {
  call: { hex: '#1677ff', tag: 'blue' },
  visit: { hex: '#fa8c16', tag: 'orange' },
  email: { hex: '#13c2c2', tag: 'cyan' },
  wechat: { hex: '#52c41a', tag: 'green' },
  meeting: { hex: '#722ed1', tag: 'purple' },
  demo: { hex: '#2f54eb', tag: 'geekblue' },
  dinner: { hex: '#eb2f96', tag: 'magenta' },
  other: { hex: '#8c8c8c', tag: 'default' },
};
const EXTRA_COLORS = [
  { hex: '#a0d911', tag: 'lime' },
  { hex: '#faad14', tag: 'gold' },
  { hex: '#f5222d', tag: 'volcano' },
  { hex: '#08979c', tag: 'cyan' },
];

export const activityTypeColor = (code: string): { hex: string; tag: string } => {
  const known = TYPE_COLORS[code];
  if (known) return known;
  let hash = 0;
  for (const char of code) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return EXTRA_COLORS[hash % EXTRA_COLORS.length]!;
};

const SUBJECT_MAX = 200;

export type SubjectParts = {
  typeLabel?: string | null;
  organizationName?: string | null;
  projectName?: string | null;
  contactNames?: string[];
};

/**
 * What a quick log proposes as the subject: "拜访 · 数据中心项目", "电话 · 张伟（宏达集团）", "拜访 · 宏达集团". The project
 * says more than its owner organisation, a person more than their company; empty while no type is chosen.
 */
export const buildActivitySubject = ({ typeLabel, organizationName, projectName, contactNames = [] }: SubjectParts): string => {
  if (!typeLabel) return '';
  const people = contactNames.filter(Boolean);
  let target = '';
  if (projectName) target = projectName;
  else if (people.length > 0) {
    const names = people.length > 2 ? `${people.slice(0, 2).join('、')}…` : people.join('、');
    target = organizationName ? `${names}（${organizationName}）` : names;
  } else if (organizationName) target = organizationName;
  const subject = target ? `${typeLabel} · ${target}` : typeLabel;
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject;
};

/** The subject follows the proposal until the user types their own; then it is theirs. */
export const followSubject = (current: string | undefined, previousProposal: string, nextProposal: string): string => {
  const text = (current ?? '').trim();
  return text === '' || text === previousProposal ? nextProposal : (current ?? '');
};

/**
 * Check-in (ACT-6) is offered on the owner's own activity that is planned, or that takes place today, and not yet
 * checked in; check-out once checked in and not yet out.
 */
export const checkInState = (
  activity: Pick<Activity, 'status' | 'startsAt' | 'checkin' | 'checkout' | 'canEdit' | 'owner'>,
  userId: string,
  now: Date,
  timeZone: string,
): 'check_in' | 'check_out' | 'none' => {
  if (!activity.canEdit || activity.owner?.id !== userId || activity.status === 'cancelled') return 'none';
  if (activity.checkin) return activity.checkout ? 'none' : 'check_out';
  const today = dayjs(now).tz(timeZone).format('YYYY-MM-DD');
  const day = dayjs(activity.startsAt).tz(timeZone).format('YYYY-MM-DD');
  return activity.status === 'planned' || day === today ? 'check_in' : 'none';
};

export type Position = { latitude: number | null; longitude: number | null; accuracy: number | null };

/** "31.230416, 121.473701 (±20 m)"; null without a position (checked in without consent). */
export const formatPosition = (point: Position | null | undefined): string | null => {
  if (!point || point.latitude === null || point.longitude === null) return null;
  const base = `${point.latitude.toFixed(6)}, ${point.longitude.toFixed(6)}`;
  return point.accuracy === null || point.accuracy === undefined ? base : `${base} (±${Math.round(point.accuracy)} m)`;
};

export const mapLink = (point: Position): string | null =>
  point.latitude === null || point.longitude === null
    ? null
    : `https://www.openstreetmap.org/?mlat=${point.latitude}&mlon=${point.longitude}#map=17/${point.latitude}/${point.longitude}`;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A period bound from a link: an ISO instant passes as is; a calendar day (team visibility links by day) becomes the
 * start of that day (`from`) or its last millisecond (`to`) in the company's time zone, so the day is included.
 */
export const periodBound = (value: string | undefined, edge: 'from' | 'to', timeZone: string): string | undefined => {
  if (!value) return undefined;
  if (DATE_ONLY.test(value)) {
    const day = dayjs.tz(value, timeZone);
    return (edge === 'from' ? day.startOf('day') : day.endOf('day')).format();
  }
  const instant = dayjs(value);
  return instant.isValid() ? instant.format() : undefined;
};

/** List filters kept in the URL that are not API filters (the open drawer). */
const URL_ONLY = new Set(['open']);

/** The URL's list parameters as the activities API takes them. */
export const activityApiQuery = (params: Record<string, string | number | undefined>, timeZone: string): Record<string, string | number | undefined> => {
  const query: Record<string, string | number | undefined> = {};
  for (const [key, value] of Object.entries(params)) if (!URL_ONLY.has(key)) query[key] = value;
  query.from = periodBound(typeof params.from === 'string' ? params.from : undefined, 'from', timeZone);
  query.to = periodBound(typeof params.to === 'string' ? params.to : undefined, 'to', timeZone);
  return query;
};

type Ref = { id: string; name: string };
export type ContactOption = { value: string; label: string; name: string };
export type ContactGroup = { label: string; title: string; options: ContactOption[] };

/**
 * The organisations whose people an activity may name: its own first, then with a project the project's organisation and
 * those taking part in it (the server accepts their contacts too). Each once; a name learnt from the project fills in.
 */
export function contactOrganizations(organizationId: string | null | undefined, project: Pick<Project, 'organization' | 'organizations'> | undefined): Ref[] {
  const list: Ref[] = [];
  const add = (ref: Ref | null | undefined) => {
    if (!ref) return;
    const existing = list.find((item) => item.id === ref.id);
    if (!existing) list.push({ ...ref });
    else if (!existing.name) existing.name = ref.name;
  };
  if (organizationId) add({ id: organizationId, name: '' });
  if (project) {
    add(project.organization);
    for (const related of project.organizations ?? []) add(related.organization);
  }
  return list;
}

/**
 * The picker's options from each organisation's contacts (same order as `organizations`): a flat list for one
 * organisation, a group per organisation with people for several; a person named once; `known` people (already on the
 * activity) kept at the end when no list has them.
 */
export function contactOptions(organizations: Ref[], lists: (Pick<Contact, 'id' | 'name' | 'title'>[] | undefined)[], known: Ref[]): (ContactOption | ContactGroup)[] {
  const seen = new Set<string>();
  const take = (contacts: Pick<Contact, 'id' | 'name' | 'title'>[] | undefined) =>
    (contacts ?? [])
      .filter((contact) => !seen.has(contact.id) && seen.add(contact.id))
      .map((contact) => ({ value: contact.id, label: contact.title ? `${contact.name} · ${contact.title}` : contact.name, name: contact.name }));
  const groups = organizations.map((organization, index) => ({ organization, options: take(lists[index]) }));
  const rest = known.filter((item) => !seen.has(item.id)).map((item) => ({ value: item.id, label: item.name, name: item.name }));
  if (groups.length <= 1) return [...(groups[0]?.options ?? []), ...rest];
  const grouped = groups
    .filter((group) => group.options.length > 0)
    .map((group) => ({ label: group.organization.name || '—', title: group.organization.name || '—', options: group.options }));
  return [...grouped, ...rest];
}

/** The options of a grouped list, flattened (for the names of the chosen people). */
export const flatOptions = (options: (ContactOption | ContactGroup)[]): ContactOption[] => options.flatMap((option) => ('options' in option ? option.options : [option]));
