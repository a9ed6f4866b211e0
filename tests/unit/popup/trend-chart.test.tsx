import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { niceTop, TrendChart } from '../../../components/popup/TrendChart';
import { trendBuckets } from '../../../components/popup/trend';

afterEach(cleanup);

describe('trend chart', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2, 2],
    [3, 4],
    [5, 6],
    [9, 10],
    [11, 20],
    [45, 60],
    [1234, 2000],
  ])('rounds a busiest bucket of %i replies up to an axis top of %i', (max, top) => {
    expect(niceTop(max)).toBe(top);
  });

  it('labels a y-axis for replies (0, half, top) and one for adherence (0–100%)', () => {
    const buckets = trendBuckets(
      [
        { day: '2025-03-18', count: 5, adherence: 80 },
        { day: '2025-03-19', count: 2, adherence: 40 },
      ],
      '2025-03-14',
      '2025-03-20',
    );
    render(<TrendChart buckets={buckets} />);
    const labels = [...screen.getByTestId('trend-y-axis').querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toEqual(['0', '3', '6', '0%', '50%', '100%']);
    const chart = screen.getByTestId('trend-chart');
    expect(chart.querySelectorAll('rect')).toHaveLength(7);
    // The busiest day's bar reaches 5/6 of the replies axis.
    const plot = 130 - 8 - 18;
    expect(Number(chart.querySelectorAll('rect')[4]?.getAttribute('height'))).toBeCloseTo((plot * 5) / 6);
  });

  it('breaks the adherence line at buckets without replies instead of drawing across them', () => {
    const buckets = trendBuckets(
      [
        { day: '2025-03-14', count: 1, adherence: 100 },
        { day: '2025-03-15', count: 1, adherence: 50 },
        { day: '2025-03-18', count: 1, adherence: 0 },
      ],
      '2025-03-14',
      '2025-03-20',
    );
    render(<TrendChart buckets={buckets} />);
    const chart = screen.getByTestId('trend-chart');
    expect(chart.querySelectorAll('polyline')).toHaveLength(1);
    expect(chart.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(2);
    expect(chart.querySelectorAll('circle')).toHaveLength(1);
  });
});
