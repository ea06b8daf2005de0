package kz.citizenrequests.casework;

import kz.citizenrequests.shared.ProblemException;

/** 403: with an access code a citizen may only withdraw their request. */
public class CitizenActNotAllowedException extends ProblemException {

    public CitizenActNotAllowedException(Action action) {
        super(403, "act-not-allowed", "Act not allowed",
                "With the access code a citizen may withdraw the request; '" + action.wire() + "' is an act of staff.");
    }
}
