import { z } from "zod";
import { textField } from "../utils/forms";
import { LEAD_STATUSES } from "./lead-filters";

export const MAX_NOTES = 4000;

/** The one form on the leads page: a lead's status and notes, saved together. */
export const LeadUpdateSchema = z.object({
  leadId: z.uuid({ error: "Unknown lead." }),
  status: z.enum(LEAD_STATUSES, { error: "Choose a status." }),
  notes: textField("The notes", MAX_NOTES, { multiline: true }).default(""),
});
