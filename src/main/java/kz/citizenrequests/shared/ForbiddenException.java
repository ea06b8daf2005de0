package kz.citizenrequests.shared;

/** 403: the caller is known but may not do this. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(403, "forbidden", "Forbidden", detail);
    }
}
