import { RATING_CRITERIA, RATING_LEVEL_LABELS, RATING_LEVELS, type SatisfactionReport } from '@mc/contracts';

export interface LevelCount {
  criterion: string;
  level: string;
  count: number;
}

/**
 * Every criterion of the evaluation form with every level, in the form's order,
 * zero where nobody chose it. A criterion or level the form no longer has (from
 * older ratings) follows, labelled with its key, so no rating goes uncounted.
 */
export function criteriaTable(counts: readonly LevelCount[]): SatisfactionReport['criteria'] {
  const count = (criterion: string, level: string) =>
    counts.filter((row) => row.criterion === criterion && row.level === level).reduce((sum, row) => sum + row.count, 0);
  const knownCriteria = new Set<string>(RATING_CRITERIA.map((criterion) => criterion.key));
  const knownLevels = new Set<string>(RATING_LEVELS);
  const extraLevels = [...new Set(counts.map((row) => row.level).filter((level) => !knownLevels.has(level)))];
  const levels: { level: string; label: string }[] = [
    ...RATING_LEVELS.map((level) => ({ level, label: RATING_LEVEL_LABELS[level] })),
    ...extraLevels.map((level) => ({ level, label: level })),
  ];
  const criteria: { key: string; label: string }[] = [
    ...RATING_CRITERIA.map(({ key, label }) => ({ key, label })),
    ...[...new Set(counts.map((row) => row.criterion).filter((key) => !knownCriteria.has(key)))].map((key) => ({ key, label: key })),
  ];
  return criteria.map(({ key, label }) => ({
    key,
    label,
    levels: levels.map((level) => ({ ...level, count: count(key, level.level) })),
  }));
}
