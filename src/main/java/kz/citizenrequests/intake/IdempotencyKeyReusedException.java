package kz.citizenrequests.intake;

import kz.citizenrequests.shared.Problem;
import kz.citizenrequests.shared.ProblemException;

import java.util.List;

/** 422: the Idempotency-Key was already used for a different submission. */
public class IdempotencyKeyReusedException extends ProblemException {

    public IdempotencyKeyReusedException() {
        super(422, "idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was used for a different submission. Use a new key for a new request.",
                List.of(new Problem.FieldError("Idempotency-Key", "already used with another body")));
    }
}
