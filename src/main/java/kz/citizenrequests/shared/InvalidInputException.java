package kz.citizenrequests.shared;

import java.util.List;

/** 400: a field, parameter or header the client sent is missing or wrong. */
public class InvalidInputException extends ProblemException {

    public InvalidInputException(String field, String message) {
        this(List.of(new Problem.FieldError(field, message)));
    }

    public InvalidInputException(List<Problem.FieldError> errors) {
        super(400, "invalid-input", "Invalid input", describe(errors), errors);
    }

    private static String describe(List<Problem.FieldError> errors) {
        StringBuilder detail = new StringBuilder();
        for (Problem.FieldError error : errors) {
            if (!detail.isEmpty()) {
                detail.append("; ");
            }
            detail.append(error.field()).append(": ").append(error.message());
        }
        return detail.toString();
    }
}
