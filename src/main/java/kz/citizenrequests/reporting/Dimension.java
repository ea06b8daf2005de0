package kz.citizenrequests.reporting;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a report can be filtered and broken down by; status is a breakdown only (it is a measure of the rollups). */
public enum Dimension {
    REGION("region", "region_code", 1),
    BRANCH("branch", "branch_code", 2),
    CATEGORY("category", "category_code", 4),
    TYPE("type", "type", 8),
    CHANNEL("channel", "channel", 16),
    STATUS("status", null, 0);

    final String wire;
    final String column;
    final int bit;

    Dimension(String wire, String column, int bit) {
        this.wire = wire;
        this.column = column;
        this.bit = bit;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return wire;
    }

    static String wires() {
        return Arrays.stream(values()).map(Dimension::wire).collect(Collectors.joining(", "));
    }
}
