import { describe, expect, it } from 'vitest';
import { advocateKey } from '../../server/domain/advocate.js';
import { CreateInterviewBody } from '../../server/domain/api/drafts.js';
import { canTransition } from '../../server/domain/draft.js';
import { diffProfiles, emptyProfile, ProfileFields } from '../../server/domain/profile.js';
import { can } from '../../server/domain/user.js';

describe('ProfileFields', () => {
  it('accepts an empty profile and trims values', () => {
    const p = ProfileFields.parse({ ...emptyProfile(), name: '  Dr. Anna Weber ' });
    expect(p.name).toBe('Dr. Anna Weber');
  });
  it('rejects unknown activities with a field path', () => {
    const r = ProfileFields.safeParse({ ...emptyProfile(), activities: ['skydiving'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['activities', 0]);
  });
});

describe('diffProfiles', () => {
  it('lists exactly the fields a reviewer changed, with before and after', () => {
    const ai = { ...emptyProfile(), name: 'Anna', quotes: ['We cut no-shows by 30%.'] };
    const human = { ...ai, name: 'Anna Weber', quotes: [] };
    expect(diffProfiles(ai, human)).toEqual([
      { field: 'name', before: 'Anna', after: 'Anna Weber' },
      { field: 'quotes', before: ['We cut no-shows by 30%.'], after: [] },
    ]);
    expect(diffProfiles(ai, ai)).toEqual([]);
  });
});

describe('draft lifecycle', () => {
  it('allows review decisions only on ready drafts and retries only on failed ones', () => {
    expect(canTransition('ready', 'approved')).toBe(true);
    expect(canTransition('ready', 'rejected')).toBe(true);
    expect(canTransition('drafting', 'approved')).toBe(false);
    expect(canTransition('rejected', 'approved')).toBe(false);
    expect(canTransition('approved', 'rejected')).toBe(false);
    expect(canTransition('failed', 'drafting')).toBe(true);
    expect(canTransition('failed', 'approved')).toBe(false);
  });
});

describe('advocateKey', () => {
  it('treats case and spacing variants of the same person at the same company as one advocate', () => {
    expect(advocateKey({ name: 'Anna  Weber', company: 'Klinikum Nord' })).toBe(advocateKey({ name: 'anna weber', company: 'KLINIKUM NORD ' }));
    expect(advocateKey({ name: 'Anna Weber', company: 'Klinikum Nord' })).not.toBe(advocateKey({ name: 'Anna Weber', company: 'Klinikum Süd' }));
  });
});

describe('roles', () => {
  it('keeps drafts away from reps and user management with admins', () => {
    expect(can('rep', 'drafts:read')).toBe(false);
    expect(can('rep', 'match:run')).toBe(true);
    expect(can('reviewer', 'drafts:decide')).toBe(true);
    expect(can('manager', 'drafts:decide')).toBe(false);
    expect(can('manager', 'users:manage')).toBe(false);
    expect(can('admin', 'users:manage')).toBe(true);
  });
});

describe('CreateInterviewBody', () => {
  it('explains a missing notes field in words', () => {
    const r = CreateInterviewBody.safeParse({});
    expect(r.error?.issues[0].message).toBe('Paste the interview notes');
  });
});
