package kz.citizenrequests.casework;

import kz.citizenrequests.shared.ProblemException;

/** 428: an act must name the version it was decided on, in {@code If-Match}. */
public class VersionRequiredException extends ProblemException {

    public VersionRequiredException() {
        super(428, "version-required", "If-Match required",
                "Send the ETag of the request you read in If-Match, so that no one else's change is overwritten.");
    }
}
