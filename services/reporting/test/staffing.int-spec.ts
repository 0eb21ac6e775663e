import { randomUUID } from 'node:crypto';
import {
  accountCreatedV1,
  accountDisabledV1,
  accountEnabledV1,
  parseInput,
  roleGrantedV1,
  roleRevokedV1,
  staffingRequestSchema,
  type EventDefinition,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { GetStaffingTable } from '../src/staffing/get-staffing-table';
import { envelope, failure, otherWardAdmin, provinceAdmin, startQualityReports, wardClerk, wardLeader, type QualityReports } from './indicators-support';

const T1 = '2026-03-02T08:00:00+07:00';
const T2 = '2026-03-10T08:00:00+07:00';
const T3 = '2026-03-20T08:00:00+07:00';

interface Person {
  id: string;
  username: string;
  unitCode: string;
  employment: 'own' | 'seconded';
  kind?: 'staff' | 'citizen';
}
const person = (username: string, unitCode: string, employment: 'own' | 'seconded', kind: Person['kind'] = 'staff'): Person => ({
  id: randomUUID(),
  username,
  unitCode,
  employment,
  kind,
});

// Phường Lương Văn Tri: two own clerks and one seconded; a disabled clerk, a specialist and a clerk whose grant was revoked do not count.
const ownAtWard = person('tiepnhan1.lvt', '05983', 'own');
const ownAtCentre = person('tiepnhan2.lvt', '05983', 'own');
const secondedAtWard = person('tuphap.lvt', '05983', 'seconded');
const disabledClerk = person('tiepnhan3.lvt', '05983', 'own');
const specialist = person('chuyenvien.lvt', '05983', 'own');
const revokedClerk = person('tiepnhan4.lvt', '05983', 'own');
// Phường Đông Kinh: a seconded clerk disabled and enabled again.
const reEnabled = person('tiepnhan.dk', '05977', 'seconded');
const citizen = person('020190000123', '05983', 'own', 'citizen');

const accountData = (who: Person) => ({
  accountId: who.id,
  username: who.username,
  kind: who.kind ?? 'staff',
  unitCode: who.kind === 'citizen' ? null : who.unitCode,
  employment: who.kind === 'citizen' ? null : who.employment,
  actor: 'admin.tinh',
});
const grantData = (who: Person, role: string, unitCode: string, grantId = randomUUID()) => ({
  grantId,
  accountId: who.id,
  username: who.username,
  role,
  unitCode,
  actor: 'admin.tinh',
});

describe('staffing table of the one-stop centres', () => {
  let reports: QualityReports;
  const table = (input: Record<string, unknown>, who: Principal = provinceAdmin) =>
    reports.use(GetStaffingTable).execute(parseInput(staffingRequestSchema, input), who);
  const send = (definition: EventDefinition<unknown>, data: unknown, at: string) => reports.publish(definition, envelope(definition, data, at));

  beforeAll(async () => {
    reports = await startQualityReports();
  });
  afterAll(async () => {
    await reports?.close();
  });

  it('converges whatever the order the account and grant events are handled in', async () => {
    const revokedGrant = grantData(revokedClerk, 'clerk', '05983');
    // First what happened last: disablings, enablings, revocations and the grants, before any account was created.
    await send(accountDisabledV1, { ...accountData(disabledClerk), reason: 'Nghỉ hưu' }, T2);
    await send(accountEnabledV1, accountData(reEnabled), T3);
    await send(roleRevokedV1, revokedGrant, T3);
    await send(roleGrantedV1, grantData(ownAtWard, 'clerk', '05983'), T1);
    await send(roleGrantedV1, grantData(ownAtWard, 'clerk', '05983.TTPVHCC'), T1);
    await send(roleGrantedV1, grantData(ownAtCentre, 'clerk', '05983.TTPVHCC'), T1);
    await send(roleGrantedV1, grantData(secondedAtWard, 'clerk', '05983'), T1);
    await send(roleGrantedV1, grantData(disabledClerk, 'clerk', '05983'), T1);
    await send(roleGrantedV1, grantData(specialist, 'specialist', '05983'), T1);
    await send(roleGrantedV1, grantData(reEnabled, 'clerk', '05977'), T1);
    await reports.consumed(accountDisabledV1, accountEnabledV1, roleRevokedV1, roleGrantedV1);
    // The older disabling arrives after the enabling: it must not win.
    await send(accountDisabledV1, { ...accountData(reEnabled), reason: 'Tạm nghỉ' }, T2);
    await reports.consumed(accountDisabledV1);

    const early = await table({ unitCode: '20' });
    expect(early.lines.find((line) => line.unitCode === '05983')).toMatchObject({ total: 0 });
    expect(early.lines.find((line) => line.unitCode === '05977')).toMatchObject({ total: 1, own: 0, seconded: 1 });

    // Then the creations, and the grant the revocation was about.
    for (const who of [ownAtWard, ownAtCentre, secondedAtWard, disabledClerk, specialist, revokedClerk, reEnabled, citizen]) {
      await send(accountCreatedV1, accountData(who), T1);
    }
    await send(roleGrantedV1, revokedGrant, T1);
    await reports.consumed(accountCreatedV1, roleGrantedV1);

    const result = await table({ unitCode: '20' });
    expect(result).toMatchObject({
      title: 'Tổng số cán bộ, công chức, viên chức làm việc tại Bộ phận Một cửa các cấp',
      unit: { code: '20', name: 'Tỉnh Lạng Sơn' },
    });
    // Tree order; Xã Mai Pha was dissolved on 30/06/2025 and has nobody left, so it has no line.
    expect(result.lines).toEqual([
      { number: 1, unitCode: '20', centreName: 'Bộ phận Một cửa tỉnh Lạng Sơn', total: 0, own: 0, seconded: 0 },
      { number: 2, unitCode: '05977', centreName: 'Bộ phận Một cửa phường Đông Kinh', total: 1, own: 0, seconded: 1 },
      { number: 3, unitCode: '05983', centreName: 'Bộ phận Một cửa phường Lương Văn Tri', total: 3, own: 2, seconded: 1 },
      { number: 4, unitCode: '05986', centreName: 'Bộ phận Một cửa phường Tam Thanh', total: 0, own: 0, seconded: 0 },
    ]);
    expect(result.total).toEqual({ total: 4, own: 2, seconded: 2 });
    expect(result.freshness).toMatchObject({ pendingEvents: 0, lagMs: 0, lastEventAt: new Date(T3).toISOString() });
    // Citizens' accounts are not kept.
    expect(await reports.sql('SELECT 1 FROM staffing_accounts WHERE account_id = $1', [citizen.id])).toHaveLength(0);
  });

  it('changes nothing when an event is delivered again', async () => {
    const again = envelope(accountDisabledV1, { ...accountData(ownAtWard), reason: 'Nhầm' }, T2);
    await reports.publish(accountDisabledV1, again);
    await reports.consumed(accountDisabledV1);
    expect((await table({ unitCode: '05983' })).total).toEqual({ total: 2, own: 1, seconded: 1 });
    // Enabled again later; the disabling redelivered afterwards (new message id, same event) is not applied twice.
    await send(accountEnabledV1, accountData(ownAtWard), T3);
    await reports.consumed(accountEnabledV1);
    await reports.publish(accountDisabledV1, again, `${again.id}:redelivery`);
    await reports.consumed(accountDisabledV1);
    expect((await table({ unitCode: '05983' })).total).toEqual({ total: 3, own: 2, seconded: 1 });
  });

  it('shows a unit alone, or its subtree, to whoever may read its reports', async () => {
    const ward = await table({ unitCode: '05983', includeSubunits: 'true' }, wardLeader);
    expect(ward.lines).toEqual([{ number: 1, unitCode: '05983', centreName: 'Bộ phận Một cửa phường Lương Văn Tri', total: 3, own: 2, seconded: 1 }]);
    const provinceAlone = await table({ unitCode: '20', includeSubunits: 'false' });
    expect(provinceAlone.lines).toEqual([{ number: 1, unitCode: '20', centreName: 'Bộ phận Một cửa tỉnh Lạng Sơn', total: 0, own: 0, seconded: 0 }]);
    expect(provinceAlone.total).toEqual({ total: 0, own: 0, seconded: 0 });
  });

  it('answers 404 for an unknown unit and for one outside the caller’s scope, 400 for bad input', async () => {
    expect((await failure(() => table({ unitCode: 'KHONGCO' })))?.code).toBe('NOT_FOUND');
    expect((await failure(() => table({ unitCode: '20' }, wardLeader)))?.code).toBe('NOT_FOUND');
    expect((await failure(() => table({ unitCode: '05983' }, otherWardAdmin)))?.code).toBe('NOT_FOUND');
    // A clerk does not read reports at all.
    expect((await failure(() => table({ unitCode: '05983' }, wardClerk)))?.code).toBe('NOT_FOUND');
    expect((await failure(() => table({})))?.code).toBe('VALIDATION_FAILED');
    expect((await failure(() => table({ unitCode: '' })))?.code).toBe('VALIDATION_FAILED');
    expect((await failure(() => table({ unitCode: '05983', includeSubunits: 'maybe' })))?.code).toBe('VALIDATION_FAILED');
  });
});
