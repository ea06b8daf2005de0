package kz.citizenrequests.shared;

/** 412: the client's {@code If-Match} version is no longer the current one. */
public class StaleVersionException extends ProblemException {

    public StaleVersionException() {
        super(412, "stale-version", "Stale version",
                "The request changed since you read it. Read it again and retry with the new ETag in If-Match.");
    }

    /** With the words for what was read, e.g. "The answer template". */
    public StaleVersionException(String what) {
        super(412, "stale-version", "Stale version",
                what + " changed since you read it. Read it again and retry with the new ETag in If-Match.");
    }
}
