package kz.citizenrequests.reporting;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** The period cut into buckets by day of receipt; the first and last buckets may be partial. */
@Schema(description = "Figures per day, week or month of receipt")
public record TimeseriesReport(
        @Schema(description = "The period and filters applied") ReportQuery query,
        @Schema(description = "day, week (from Monday) or month") Interval interval,
        List<Bucket> buckets) {

    @Schema(description = "One bucket: requests received in it (withdrawn excluded)")
    public record Bucket(
            @Schema(description = "First day of the bucket") LocalDate period,
            long received,
            long decided,
            long open,
            long decidedOnTime,
            @Schema(description = "decided / received") Double resolutionRate,
            @Schema(description = "decidedOnTime / decided") Double onTimeRate) {

        static Bucket of(LocalDate period, Tally t) {
            return new Bucket(period, t.received(), t.decided(), t.open(), t.decidedOnTime(), t.resolutionRate(),
                    t.onTimeRate());
        }
    }
}
