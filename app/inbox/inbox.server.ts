/** The agents' escalation inbox: one import for the routes and tests. */
export { assignEscalation, claimEscalation, unassignEscalation } from "./assignment.server";
export { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from "./canned-replies.server";
export {
  addInternalNote, changePriority, markWaitingOnCustomer, reopenEscalation, replyToCustomer, resolveEscalation, RESOLVED_NOTICE,
} from "./conversation-actions.server";
export { escalationDetail, listAssignableTeammates, type EscalationDetail, type TranscriptEntry } from "./detail.server";
export { InboxError, type InboxErrorCode } from "./inbox-error";
export { listEscalations, type QueueCounts, type QueuePage, type QueueRow } from "./queue.server";
export { keepPresent, markRead, touchPresence, unreadCount } from "./read-marks.server";
