package kz.citizenrequests.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The counts of one rollup selection, summed: what every figure of a report is computed from.
 * All counts are of requests received in the period; {@code received} excludes withdrawn ones.
 */
record Tally(long received, long withdrawn, long submitted, long registered, long inProgress, long resolved,
             long closed, long decidedOnTime, long decidedLate, long satisfied, long partiallySatisfied,
             long explained, long rejected, long forwarded, long lateForwarded, long reopened, long everDecided,
             long answered, long answeredSatisfied, long complaints, long complaintsDecided, long complaintsSatisfied,
             long complaintsPartiallySatisfied, long complaintsExplained, long complaintsRejected, long escalated) {

    /** How many sums {@link #SUMS} selects. */
    static final int COLUMNS = 26;

    static final Tally ZERO = read(new long[COLUMNS]);

    /** The sums, in the column order of {@link #read}. */
    static final String SUMS = "coalesce(sum(received), 0), coalesce(sum(withdrawn), 0), coalesce(sum(submitted), 0), "
            + "coalesce(sum(registered), 0), coalesce(sum(in_progress), 0), coalesce(sum(resolved), 0), "
            + "coalesce(sum(closed), 0), coalesce(sum(decided_on_time), 0), coalesce(sum(decided_late), 0), "
            + "coalesce(sum(satisfied), 0), coalesce(sum(partially_satisfied), 0), coalesce(sum(explained), 0), "
            + "coalesce(sum(rejected), 0), coalesce(sum(forwarded), 0), coalesce(sum(late_forwarded), 0), "
            + "coalesce(sum(reopened), 0), coalesce(sum(ever_decided), 0), coalesce(sum(answered), 0), "
            + "coalesce(sum(answered_satisfied), 0), coalesce(sum(complaints), 0), coalesce(sum(complaints_decided), 0), "
            + "coalesce(sum(complaints_satisfied), 0), coalesce(sum(complaints_partially_satisfied), 0), "
            + "coalesce(sum(complaints_explained), 0), coalesce(sum(complaints_rejected), 0), coalesce(sum(escalated), 0)";

    static Tally read(ResultSet row, int first) throws SQLException {
        long[] v = new long[COLUMNS];
        for (int i = 0; i < v.length; i++) {
            v[i] = row.getLong(first + i);
        }
        return read(v);
    }

    private static Tally read(long[] v) {
        return new Tally(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23], v[24], v[25]);
    }

    /** Citizen-confirmed rate = answered "satisfied" / decided and answered; null when nobody answered. */
    Double citizenConfirmedRate() {
        return ratio(answeredSatisfied, answered);
    }

    /** Decided: reached RESOLVED or CLOSED (a decision was given and stands). */
    long decided() {
        return resolved + closed;
    }

    /** Open: SUBMITTED, REGISTERED or IN_PROGRESS. */
    long open() {
        return submitted + registered + inProgress;
    }

    /** Resolution rate = decided / received. */
    Double resolutionRate() {
        return ratio(decided(), received);
    }

    /** Positive rate = decided as satisfied or partially satisfied / decided. */
    Double positiveRate() {
        return ratio(satisfied + partiallySatisfied, decided());
    }

    /** On-time rate = decided on or before the due date in force (extensions included) / decided. */
    Double onTimeRate() {
        return ratio(decidedOnTime, decided());
    }

    /** Forwarded share = forwarded at least once / received. */
    Double forwardedShare() {
        return ratio(forwarded, received);
    }

    /** Reopen rate = reopened at least once / ever decided (decided now, or decided and reopened). */
    Double reopenRate() {
        return ratio(reopened, everDecided);
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
