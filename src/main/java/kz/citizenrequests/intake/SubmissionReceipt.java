package kz.citizenrequests.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import kz.citizenrequests.shared.BranchRef;
import kz.citizenrequests.casework.RequestStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/** The answer to a submission: what the citizen needs to follow the request. Shown once. */
@Schema(name = "SubmissionReceipt")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionReceipt(
        @Schema(examples = "AST-2026-000123") String trackingNumber,
        @Schema(description = "Secret code to follow the request; stored only as a hash, keep it", examples = "K7QM-4RZP-X2AB")
        String accessCode,
        RequestStatus status,
        BranchRef branch,
        @Schema(description = "Statutory due date (15 working days after receipt)") LocalDate dueDate,
        Instant receivedAt) {

    SubmissionReceipt withAccessCode(String code) {
        return new SubmissionReceipt(trackingNumber, code, status, branch, dueDate, receivedAt);
    }
}
