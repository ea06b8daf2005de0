package kz.citizenrequests.casework;

import kz.citizenrequests.shared.ProblemException;

/** 403: the caller's role may not perform this act (e.g. an operator extending a deadline). */
public class ActNotAllowedException extends ProblemException {

    public ActNotAllowedException(Action action, String who) {
        super(403, "act-not-allowed", "Act not allowed",
                "The act '" + action.wire() + "' is not one that " + who + " may perform.");
    }
}
