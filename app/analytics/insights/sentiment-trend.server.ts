import { withTenant } from "../../../db/tenant-scope";
import { NEGATIVE_BELOW, POSITIVE_ABOVE } from "./sentiment-labels";

export interface SentimentCounts {
  positive: number;
  neutral: number;
  negative: number;
}

export interface SentimentDay extends SentimentCounts {
  /** A UTC day, YYYY-MM-DD. */
  day: string;
  /** Mean sentiment of the conversations started that day; null when none has a sentiment yet. */
  average: number | null;
}

export interface SentimentTrend {
  days: SentimentDay[];
  totals: SentimentCounts & { average: number | null };
}

/** Longer ranges would draw a point per day nobody can tell apart; the overview offers at most a year. */
const MAX_DAYS = 400;
const DAY_MS = 86_400_000;

function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Average conversation sentiment per UTC day for conversations started in [from, to), and how
 * many were positive (above +0.2), neutral or negative (below -0.2). Conversations without a
 * scored visitor message are left out. Days without any still appear, with a null average.
 */
export async function sentimentTrend({ tenantId, from, to, widgetId = null }: { tenantId: string; from: Date; to: Date; widgetId?: string | null }): Promise<SentimentTrend> {
  if (to <= from) return { days: [], totals: { positive: 0, neutral: 0, negative: 0, average: null } };
  const firstDay = utcDay(from);
  const lastDay = utcDay(new Date(to.getTime() - 1));
  if ((Date.parse(lastDay) - Date.parse(firstDay)) / DAY_MS >= MAX_DAYS) throw new RangeError(`A sentiment trend covers at most ${MAX_DAYS} days.`);

  const widgetFilter = widgetId ? `and c.widget_id = ?` : "";
  const rows = await withTenant(tenantId, (em) =>
    em.execute<{ day: string; average: number | null; positive: number; neutral: number; negative: number }[]>(
      `with scored as (
         select (c.created_at at time zone 'utc')::date as day, c.sentiment
         from conversations c
         where c.tenant_id = ? and c.created_at >= ? and c.created_at < ? and c.sentiment is not null ${widgetFilter}
       )
       select to_char(d.day, 'YYYY-MM-DD') as day,
              avg(s.sentiment)::float8 as average,
              count(s.sentiment) filter (where s.sentiment > ?::real)::int as positive,
              count(s.sentiment) filter (where s.sentiment between ?::real and ?::real)::int as neutral,
              count(s.sentiment) filter (where s.sentiment < ?::real)::int as negative
       from generate_series(?::date, ?::date, interval '1 day') as d(day)
       left join scored s on s.day = d.day::date
       group by d.day
       order by d.day`,
      [tenantId, from, to, ...(widgetId ? [widgetId] : []), POSITIVE_ABOVE, NEGATIVE_BELOW, POSITIVE_ABOVE, NEGATIVE_BELOW, firstDay, lastDay],
    ),
  );
  const days = rows.map((row) => ({ ...row, average: row.average === null ? null : Number(row.average) }));
  return { days, totals: totalsOf(days) };
}

function totalsOf(days: SentimentDay[]): SentimentTrend["totals"] {
  const totals = { positive: 0, neutral: 0, negative: 0 };
  let sum = 0;
  for (const day of days) {
    totals.positive += day.positive;
    totals.neutral += day.neutral;
    totals.negative += day.negative;
    if (day.average !== null) sum += day.average * (day.positive + day.neutral + day.negative);
  }
  const scored = totals.positive + totals.neutral + totals.negative;
  return { ...totals, average: scored ? sum / scored : null };
}
