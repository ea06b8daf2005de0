package kz.citizenrequests.casework;

import kz.citizenrequests.shared.ProblemException;

/** 409: the act is not allowed in the request's current status. */
public class IllegalTransitionException extends ProblemException {

    public IllegalTransitionException(Action action, RequestStatus status) {
        super(409, "illegal-transition", "Illegal transition",
                "A request in status " + status + " cannot be given the act '" + action.wire() + "'.");
    }
}
