package kz.citizenrequests.reporting;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The period's figures per region, branch, category, type, channel or status. Rows carry codes;
 * names are in the reference endpoints. By status, {@code received} is the number of requests
 * now in that status, and a WITHDRAWN row counts the withdrawn ones.
 */
@Schema(description = "Figures per value of one dimension, largest first")
public record BreakdownReport(
        @Schema(description = "The period and filters applied") ReportQuery query,
        @Schema(description = "The dimension") Dimension by,
        List<Row> rows) {

    @Schema(description = "The figures of one value of the dimension")
    public record Row(
            @Schema(description = "Code of the region, branch or category; type, channel or status") String key,
            long received,
            long decided,
            long open,
            @Schema(description = "Open and past the due date today (null by status)") Long overdueNow,
            long decidedLate,
            @Schema(description = "decided / received") Double resolutionRate,
            @Schema(description = "decidedOnTime / decided") Double onTimeRate,
            @Schema(description = "(satisfied + partially satisfied) / decided") Double positiveRate) {

        static Row of(String key, Tally t, long overdueNow) {
            return new Row(key, t.received(), t.decided(), t.open(), overdueNow, t.decidedLate(), t.resolutionRate(),
                    t.onTimeRate(), t.positiveRate());
        }
    }
}
