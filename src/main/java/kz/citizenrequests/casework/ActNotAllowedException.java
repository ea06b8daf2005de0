package kz.citizenrequests.casework;

import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.Role;

/** 403: the caller's role may not perform this act (e.g. an operator extending a deadline). */
public class ActNotAllowedException extends ProblemException {

    public ActNotAllowedException(Action action, Role role) {
        super(403, "act-not-allowed", "Act not allowed",
                "The role " + role.claim() + " may not perform the act '" + action.wire() + "'.");
    }
}
