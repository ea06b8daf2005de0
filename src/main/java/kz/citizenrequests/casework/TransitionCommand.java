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
        String assignee) {
}
