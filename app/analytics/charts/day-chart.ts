import type { DataTable } from "../overview/overview-tables";

export interface Series {
  label: string;
  /** One value per day; null where there is nothing to measure (the line breaks there). */
  values: (number | null)[];
}

/** What every chart over days takes besides its data: its labels, axis format and the table and CSV beside it. */
export interface DayChartProps {
  id: string;
  title: string;
  description: string;
  days: string[];
  formatValue: (value: number) => string;
  table: DataTable;
  formatCell: (value: string | number | null, column: number) => string;
  csvHref: string;
}
