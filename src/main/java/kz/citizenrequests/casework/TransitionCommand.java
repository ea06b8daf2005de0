package kz.citizenrequests.casework;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** An act on a request. Which fields are required depends on the action. */
@Schema(name = "TransitionCommand")
public record TransitionCommand(
        @NotNull @Schema(required = true, description = "The act to perform; escalate is the system's alone (refused with 403)")
        Action action,
        @Size(max = 4000) @Schema(description = "Note on the act; required as the reason for extend_deadline. "
                + "Public (shown to the citizen) except on assign and comment")
        String note,
        @Schema(description = "Required for resolve")
        Outcome outcome,
        @Size(max = 8000) @Schema(description = "The answer to the citizen; required for resolve")
        String answer,
        @Size(max = 16) @Schema(description = "Branch code; required for forward", examples = "AST-D02")
        String targetBranch,
        @Schema(description = "Required for extend_deadline; at most two months after receipt")
        LocalDate newDueDate,
        @Size(max = 100) @Schema(description = "Staff member; required for assign")
        String assignee,
        @Schema(description = "The citizen's answer to the decision; required for feedback. "
                + "Not satisfied with a note is a complaint (APPC Art. 91)", nullable = true)
        Boolean satisfied,
        @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(5)
        @Schema(description = "The citizen's rating of the answer, 1 to 5 (feedback only)", nullable = true)
        Integer rating) {

    /** A staff or citizen act without the answer-back fields. */
    public TransitionCommand(Action action, String note, Outcome outcome, String answer, String targetBranch,
                             LocalDate newDueDate, String assignee) {
        this(action, note, outcome, answer, targetBranch, newDueDate, assignee, null, null);
    }
}
