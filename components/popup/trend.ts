import { dayOf, startOfDay } from '../../utils/store/rollups';
import type { DayFigures } from '../../utils/store/summary';

/** One bar of the trend chart: a day, a week (from Monday) or a month. */
export interface TrendBucket {
  /** First day of the bucket, `YYYY-MM-DD`. */
  start: string;
  label: string;
  count: number;
  /** Mean score of the bucket's replies; null when it has none. */
  adherence: number | null;
}

type Unit = 'day' | 'week' | 'month';

function bucketStart(day: string, unit: Unit): string {
  if (unit === 'day') return day;
  if (unit === 'month') return `${day.slice(0, 7)}-01`;
  const date = new Date(startOfDay(day));
  date.setDate(date.getDate() - ((date.getDay() + 6) % 7));
  return dayOf(date.getTime());
}

function nextStart(start: string, unit: Unit): string {
  const date = new Date(startOfDay(start));
  if (unit === 'day') date.setDate(date.getDate() + 1);
  else if (unit === 'week') date.setDate(date.getDate() + 7);
  else date.setMonth(date.getMonth() + 1);
  return dayOf(date.getTime());
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function labelOf(start: string, unit: Unit): string {
  const month = MONTHS[Number(start.slice(5, 7)) - 1] ?? '';
  return unit === 'month' ? `${month} ${start.slice(0, 4)}` : `${Number(start.slice(8, 10))} ${month}`;
}

/**
 * Buckets the daily series from `firstDay` to `today` with empty days filled in: by day up to a
 * month, by week up to about a year, by month beyond.
 */
export function trendBuckets(
  daily: readonly DayFigures[],
  firstDay: string | null,
  today: string,
): TrendBucket[] {
  const first = firstDay ?? daily[0]?.day;
  if (!first || first > today) return [];
  const spanDays = Math.round((startOfDay(today) - startOfDay(first)) / 86_400_000) + 1;
  const unit: Unit = spanDays <= 31 ? 'day' : spanDays <= 7 * 60 ? 'week' : 'month';

  const sums = new Map<string, { count: number; scoreSum: number }>();
  for (const figures of daily) {
    const key = bucketStart(figures.day, unit);
    const sum = sums.get(key) ?? { count: 0, scoreSum: 0 };
    sum.count += figures.count;
    sum.scoreSum += figures.adherence * figures.count;
    sums.set(key, sum);
  }
  const buckets: TrendBucket[] = [];
  for (let start = bucketStart(first, unit); start <= today; start = nextStart(start, unit)) {
    const sum = sums.get(start);
    buckets.push({
      start,
      label: labelOf(start, unit),
      count: sum?.count ?? 0,
      adherence: sum && sum.count > 0 ? Math.round((sum.scoreSum / sum.count) * 10) / 10 : null,
    });
  }
  return buckets;
}
