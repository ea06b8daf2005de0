package kz.citizenrequests.reporting;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/**
 * The headline figures of a period. Every count is of requests received in the period
 * (days of receipt in Kazakhstan), withdrawn requests excluded unless named; every rate is a
 * fraction from 0 to 1, null when its denominator is 0.
 */
@Schema(description = "Headline figures for requests received in the period (withdrawn excluded)")
public record SummaryReport(
        @Schema(description = "The period and filters applied") ReportQuery query,
        @Schema(description = "The day (Kazakhstan) that 'overdue now' is judged on") LocalDate asOf,
        @Schema(description = "Requests received in the period, not withdrawn") long received,
        @Schema(description = "Decided: now RESOLVED or CLOSED") long decided,
        @Schema(description = "Open: SUBMITTED, REGISTERED or IN_PROGRESS") long open,
        @Schema(description = "Overdue: open and past the due date today, or decided after the due date") long overdue,
        @Schema(description = "Open and past the due date on asOf") long overdueNow,
        @Schema(description = "Decided on or before the due date in force (lawful extensions included)") long decidedOnTime,
        @Schema(description = "Decided after the due date in force") long decidedLate,
        @Schema(description = "decided / received") Double resolutionRate,
        @Schema(description = "(satisfied + partially satisfied) / decided") Double positiveRate,
        @Schema(description = "decidedOnTime / decided") Double onTimeRate,
        @Schema(description = "Median working days from the day of receipt to the day of the decision (nearest rank)") Integer medianWorkingDays,
        @Schema(description = "90th percentile of the same (nearest rank)") Integer p90WorkingDays,
        @Schema(description = "Forwarded at least once") long forwarded,
        @Schema(description = "forwarded / received") Double forwardedShare,
        @Schema(description = "Forwarded later than 3 working days after receipt") long lateForwardCount,
        @Schema(description = "Decided requests whose citizen answered that they are satisfied / decided requests "
                + "whose citizen answered; null when no citizen answered") Double citizenConfirmedRate,
        @Schema(description = "Decided requests whose citizen answered the decision in force") long citizenAnswered,
        @Schema(description = "Of those, the answers 'satisfied'") long citizenSatisfied,
        @Schema(description = "Reopened at least once") long reopened,
        @Schema(description = "reopened / (decided now or reopened)") Double reopenRate,
        @Schema(description = "Withdrawn by the citizen (not part of received)") long withdrawn,
        @Schema(description = "Escalated: still open the day after the due date (counted once per request, "
                + "whether decided since or not)") long escalated,
        @Schema(description = "Requests reopened on the citizen's complaint (APPC Art. 91), and how those were decided")
        Complaints complaints,
        @Schema(description = "Decided requests by outcome") Outcomes outcomes,
        @Schema(description = "Requests by current status (withdrawn included)") Statuses statuses) {

    public record Outcomes(long satisfied, long partiallySatisfied, long explained, long rejected) {
    }

    public record Complaints(long received, long decided, long satisfied, long partiallySatisfied, long explained,
                             long rejected) {
    }

    public record Statuses(long submitted, long registered, long inProgress, long resolved, long closed,
                           long withdrawn) {
    }

    static SummaryReport of(ReportQuery query, LocalDate asOf, Tally t, long overdueNow, Integer median, Integer p90) {
        return new SummaryReport(query, asOf, t.received(), t.decided(), t.open(), overdueNow + t.decidedLate(),
                overdueNow, t.decidedOnTime(), t.decidedLate(), t.resolutionRate(), t.positiveRate(), t.onTimeRate(),
                median, p90, t.forwarded(), t.forwardedShare(), t.lateForwarded(),
                t.citizenConfirmedRate(), t.answered(), t.answeredSatisfied(), t.reopened(), t.reopenRate(), t.withdrawn(),
                t.escalated(), new Complaints(t.complaints(), t.complaintsDecided(), t.complaintsSatisfied(),
                        t.complaintsPartiallySatisfied(), t.complaintsExplained(), t.complaintsRejected()),
                new Outcomes(t.satisfied(), t.partiallySatisfied(), t.explained(), t.rejected()),
                new Statuses(t.submitted(), t.registered(), t.inProgress(), t.resolved(), t.closed(), t.withdrawn()));
    }
}
