package kz.citizenrequests.reporting;

/**
 * The grouping sets kept in the rollup tables (see V11): which dimensions a rollup row is
 * grouped by, as the bit mask stored in {@code grouping_set}. Listed from the fewest rows per
 * day to the most, so that the first set covering a report's dimensions is the cheapest to read.
 */
enum GroupingSet {
    NATIONAL(0),
    TYPE(Dimension.TYPE.bit),
    CHANNEL(Dimension.CHANNEL.bit),
    CATEGORY(Dimension.CATEGORY.bit),
    REGION(Dimension.REGION.bit),
    REGION_TYPE(Dimension.REGION.bit | Dimension.TYPE.bit),
    REGION_CHANNEL(Dimension.REGION.bit | Dimension.CHANNEL.bit),
    REGION_CATEGORY(Dimension.REGION.bit | Dimension.CATEGORY.bit),
    REGION_BRANCH(Dimension.REGION.bit | Dimension.BRANCH.bit),
    ALL(31);

    final short mask;

    GroupingSet(int mask) {
        this.mask = (short) mask;
    }

    /** The cheapest set holding every dimension of {@code needed}. */
    static GroupingSet covering(int needed) {
        for (GroupingSet set : values()) {
            if ((set.mask & needed) == needed) {
                return set;
            }
        }
        throw new IllegalStateException("No grouping set covers " + needed);
    }
}
