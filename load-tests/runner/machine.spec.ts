import { cpuBetween, type CpuTable } from './machine';

describe('CPU of a step', () => {
  it('counts process by process, so a backend that ended does not take its whole life off its group', () => {
    const before: CpuTable = new Map([
      [101, { group: 'postgres (this database)', seconds: 40 }],
      [102, { group: 'postgres (this database)', seconds: 3 }],
      [200, { group: 'dossier', seconds: 12 }],
    ]);
    // Backend 101 closed (the pool's idle timeout), 103 opened, 102 and the service went on.
    const after: CpuTable = new Map([
      [102, { group: 'postgres (this database)', seconds: 5 }],
      [103, { group: 'postgres (this database)', seconds: 1 }],
      [200, { group: 'dossier', seconds: 18 }],
    ]);
    expect(cpuBetween(before, after, 10)).toEqual([
      { group: 'dossier', cores: 0.6 },
      { group: 'postgres (this database)', cores: 0.3 },
    ]);
  });

  it('counts a reused process id as a new process when its group changed', () => {
    const before: CpuTable = new Map([[300, { group: 'nats-server', seconds: 50 }]]);
    const after: CpuTable = new Map([[300, { group: 'other', seconds: 2 }]]);
    expect(cpuBetween(before, after, 4)).toEqual([{ group: 'other', cores: 0.5 }]);
  });
});
