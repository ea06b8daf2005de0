package kz.citizenrequests.shared;

import java.util.Optional;

/**
 * Who a caller is, from the {@code groups} claim of their token. The constants in
 * {@link Names} are for {@code @RolesAllowed}.
 */
public enum Role {
    /** Submits and follows their own requests. */
    CITIZEN(Names.CITIZEN),
    /** Works the requests of one branch (claim {@code branch}). */
    OPERATOR(Names.OPERATOR),
    /** An operator who may also extend deadlines, reassign and forward. */
    BRANCH_HEAD(Names.BRANCH_HEAD),
    /** Reads reports for the country or one region (claim {@code region}); never personal data. */
    LEADERSHIP(Names.LEADERSHIP),
    /** Maintains reference data and reads the access log; never case content. */
    ADMIN(Names.ADMIN);

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claim.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Role names as compile-time constants. */
    public static final class Names {
        public static final String CITIZEN = "citizen";
        public static final String OPERATOR = "operator";
        public static final String BRANCH_HEAD = "branch_head";
        public static final String LEADERSHIP = "leadership";
        public static final String ADMIN = "admin";

        private Names() {
        }
    }
}
