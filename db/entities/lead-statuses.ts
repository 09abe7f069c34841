/** A lead's place in the sales pipeline. Its own module, free of the ORM, so browser code can import it. */
export const LEAD_STATUSES = ["new", "contacted", "qualified", "converted", "lost"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
