package kz.citizenrequests.shared;

/** 428: a change must name the version it was decided on, in {@code If-Match}. */
public class VersionRequiredException extends ProblemException {

    public VersionRequiredException() {
        super(428, "version-required", "If-Match required",
                "Send the ETag of the request you read in If-Match, so that no one else's change is overwritten.");
    }

    /** With the words for what was read, e.g. "the answer template". */
    public VersionRequiredException(String what) {
        super(428, "version-required", "If-Match required",
                "Send the ETag of " + what + " you read in If-Match, so that no one else's change is overwritten.");
    }
}
