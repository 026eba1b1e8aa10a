import { type IssueRef, parseIssueUrl } from '../../core/followUps/issueRefs';
import type { ShiftLogs } from './shiftLogs';

/** The GitHub issue each ticket was given, as the shift logs (this shift's and teammates') record it. */
export async function ticketIssues(logs: ShiftLogs): Promise<Map<string, IssueRef>> {
  const byTicket = new Map<string, IssueRef>();
  for (const { log } of await logs.all()) {
    for (const ticket of log.tickets) {
      const issue = ticket.issueUrl ? parseIssueUrl(ticket.issueUrl) : undefined;
      if (issue) byTicket.set(ticket.number.toUpperCase(), issue);
    }
  }
  return byTicket;
}
