package kz.citizenrequests.reporting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the reports. */
@ConfigMapping(prefix = "citizen-requests.reports")
public interface ReportSettings {

    /** The longest period a report may cover, in days (from and to included). */
    @WithDefault("1830")
    int maxPeriodDays();

    /**
     * How often each instance folds report deltas into the rollups ({@link RollupFolding}):
     * a duration such as {@code 1s}, or {@code off}.
     */
    @WithDefault("1s")
    String foldEvery();

    /**
     * After how many deltas moved by its folds an instance vacuums the delta table
     * ({@link RollupFolding}): each fold deletes every row of it, and a scan of the next fold
     * reads the dead rows until a vacuum removes them.
     */
    @WithDefault("5000")
    int vacuumDeltasAfter();
}
