package kz.citizenrequests.casework;

import kz.citizenrequests.shared.ProblemException;

/** 404: no such request, or the caller may not know of it (a wrong access code looks the same). */
public class RequestNotFoundException extends ProblemException {

    public RequestNotFoundException() {
        super(404, "request-not-found", "Request not found",
                "No request with this tracking number is available to you.");
    }
}
