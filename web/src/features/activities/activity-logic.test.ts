import { describe, expect, it } from 'vitest';
import { activityApiQuery, activityTypeColor, buildActivitySubject, checkInState, contactOptions, contactOrganizations, flatOptions, followSubject, formatPosition, mapLink, periodBound } from './activity-logic';

describe('buildActivitySubject', () => {
  it('is empty until a type is chosen', () => {
    expect(buildActivitySubject({ organizationName: '宏达集团' })).toBe('');
  });

  it('names the project rather than its organisation', () => {
    expect(buildActivitySubject({ typeLabel: '拜访', organizationName: '宏达集团', projectName: '数据中心二期' })).toBe('拜访 · 数据中心二期');
  });

  it('names people with their organisation, at most two', () => {
    expect(buildActivitySubject({ typeLabel: '电话', organizationName: '宏达集团', contactNames: ['张伟'] })).toBe('电话 · 张伟（宏达集团）');
    expect(buildActivitySubject({ typeLabel: '宴请', contactNames: ['张伟', '李娜', '王强'] })).toBe('宴请 · 张伟、李娜…');
  });

  it('falls back to the organisation, then to the type alone', () => {
    expect(buildActivitySubject({ typeLabel: 'Visit', organizationName: 'Hongda' })).toBe('Visit · Hongda');
    expect(buildActivitySubject({ typeLabel: 'Visit' })).toBe('Visit');
  });

  it('keeps within the 200 characters the server accepts', () => {
    const subject = buildActivitySubject({ typeLabel: '拜访', projectName: '项'.repeat(300) });
    expect(subject).toHaveLength(200);
    expect(subject.endsWith('…')).toBe(true);
  });
});

describe('followSubject', () => {
  it('follows the proposal while the user has not typed their own', () => {
    expect(followSubject('', '', '拜访 · 宏达')).toBe('拜访 · 宏达');
    expect(followSubject('拜访 · 宏达', '拜访 · 宏达', '电话 · 宏达')).toBe('电话 · 宏达');
  });

  it('keeps what the user typed', () => {
    expect(followSubject('年度框架协议洽谈', '拜访 · 宏达', '电话 · 宏达')).toBe('年度框架协议洽谈');
  });
});

describe('activityTypeColor', () => {
  it('gives the built-in types fixed colours and any other code a stable one', () => {
    expect(activityTypeColor('visit')).toEqual({ hex: '#fa8c16', tag: 'orange' });
    expect(activityTypeColor('call').hex).not.toBe(activityTypeColor('visit').hex);
    expect(activityTypeColor('site_survey')).toEqual(activityTypeColor('site_survey'));
  });
});

describe('checkInState', () => {
  const owner = { id: 'u1', displayName: '王磊' };
  const base = { status: 'done' as const, startsAt: '2025-03-10T02:00:00Z', checkin: null, checkout: null, canEdit: true, owner };
  const now = new Date('2025-03-10T08:00:00Z');

  it('offers check-in on the owner’s activity of today or a planned one', () => {
    expect(checkInState(base, 'u1', now, 'Asia/Shanghai')).toBe('check_in');
    expect(checkInState({ ...base, status: 'planned', startsAt: '2025-03-20T02:00:00Z' }, 'u1', now, 'Asia/Shanghai')).toBe('check_in');
  });

  it('does not offer it on someone else’s, an old one or a cancelled one', () => {
    expect(checkInState(base, 'u2', now, 'Asia/Shanghai')).toBe('none');
    expect(checkInState({ ...base, startsAt: '2025-03-01T02:00:00Z' }, 'u1', now, 'Asia/Shanghai')).toBe('none');
    expect(checkInState({ ...base, status: 'cancelled' }, 'u1', now, 'Asia/Shanghai')).toBe('none');
    expect(checkInState({ ...base, canEdit: false }, 'u1', now, 'Asia/Shanghai')).toBe('none');
  });

  it('judges "today" in the company time zone', () => {
    // 23:30 UTC on the 9th is the 10th in Shanghai.
    expect(checkInState({ ...base, startsAt: '2025-03-09T23:30:00Z' }, 'u1', now, 'Asia/Shanghai')).toBe('check_in');
    expect(checkInState({ ...base, startsAt: '2025-03-09T23:30:00Z' }, 'u1', now, 'UTC')).toBe('none');
  });

  it('offers check-out after check-in, then nothing', () => {
    const point = { at: '2025-03-10T02:05:00Z', latitude: null, longitude: null, accuracy: null };
    expect(checkInState({ ...base, checkin: point }, 'u1', now, 'Asia/Shanghai')).toBe('check_out');
    expect(checkInState({ ...base, checkin: point, checkout: point }, 'u1', now, 'Asia/Shanghai')).toBe('none');
  });
});

describe('positions', () => {
  it('reads a position with its accuracy, and nothing without consent', () => {
    expect(formatPosition({ latitude: 31.2304161, longitude: 121.4737, accuracy: 19.6 })).toBe('31.230416, 121.473700 (±20 m)');
    expect(formatPosition({ latitude: 31.23, longitude: 121.47, accuracy: null })).toBe('31.230000, 121.470000');
    expect(formatPosition({ latitude: null, longitude: null, accuracy: null })).toBeNull();
    expect(formatPosition(null)).toBeNull();
  });

  it('links to a map only with a position', () => {
    expect(mapLink({ latitude: 31.23, longitude: 121.47, accuracy: 5 })).toContain('mlat=31.23&mlon=121.47');
    expect(mapLink({ latitude: null, longitude: null, accuracy: null })).toBeNull();
  });
});

describe('period links', () => {
  it('turns a day into the whole day in the company time zone', () => {
    expect(periodBound('2025-03-10', 'from', 'Asia/Shanghai')).toBe('2025-03-10T00:00:00+08:00');
    expect(periodBound('2025-03-10', 'to', 'Asia/Shanghai')).toBe('2025-03-10T23:59:59+08:00');
  });

  it('keeps instants and drops what is not a date', () => {
    expect(periodBound('2025-03-10T01:02:03Z', 'from', 'Asia/Shanghai')).toMatch(/^2025-03-10T\d\d:02:03/);
    expect(periodBound('soon', 'from', 'Asia/Shanghai')).toBeUndefined();
    expect(periodBound(undefined, 'to', 'Asia/Shanghai')).toBeUndefined();
  });

  it('builds the API query from the URL without the open drawer', () => {
    const query = activityApiQuery({ ownerId: 'u1', type: 'visit', open: 'a1', from: '2025-03-01', page: 2 }, 'Asia/Shanghai');
    expect(query).toEqual({ ownerId: 'u1', type: 'visit', from: '2025-03-01T00:00:00+08:00', to: undefined, page: 2 });
  });
});

describe('contact picker options', () => {
  const owner = { id: 'o1', name: '宏达集团' };
  const institute = { id: 'o2', name: '华东设计院' };
  const project = { organization: owner, organizations: [{ id: 'r1', organization: institute, role: 'design_institute' as const, influence: 4, notes: null }] };

  it('offers the organisation alone without a project, and adds the organisations taking part in a project', () => {
    expect(contactOrganizations('o1', undefined)).toEqual([{ id: 'o1', name: '' }]);
    expect(contactOrganizations('o1', project)).toEqual([owner, institute]);
    // Logging against the design institute on the project: it comes first, its name learnt from the project.
    expect(contactOrganizations('o2', project)).toEqual([institute, owner]);
    expect(contactOrganizations(null, undefined)).toEqual([]);
  });

  it('is a flat list for one organisation and groups by organisation for several, each person once', () => {
    const wang = { id: 'c1', name: '王建华', title: '设备部部长' };
    const li = { id: 'c2', name: '李春梅', title: null };
    expect(contactOptions([owner], [[wang, li]], [])).toEqual([
      { value: 'c1', label: '王建华 · 设备部部长', name: '王建华' },
      { value: 'c2', label: '李春梅', name: '李春梅' },
    ]);
    const grouped = contactOptions([owner, institute], [[wang], [li, wang]], [{ id: 'c9', name: '赵国强' }]);
    expect(grouped).toEqual([
      { label: '宏达集团', title: '宏达集团', options: [{ value: 'c1', label: '王建华 · 设备部部长', name: '王建华' }] },
      { label: '华东设计院', title: '华东设计院', options: [{ value: 'c2', label: '李春梅', name: '李春梅' }] },
      { value: 'c9', label: '赵国强', name: '赵国强' },
    ]);
    expect(flatOptions(grouped).map((option) => option.value)).toEqual(['c1', 'c2', 'c9']);
    // An organisation without people gets no empty group; lists still loading count as empty.
    expect(contactOptions([owner, institute], [[wang], undefined], [])).toEqual([{ label: '宏达集团', title: '宏达集团', options: [{ value: 'c1', label: '王建华 · 设备部部长', name: '王建华' }] }]);
  });
});
