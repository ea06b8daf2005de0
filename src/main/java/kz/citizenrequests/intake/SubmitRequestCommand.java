package kz.citizenrequests.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.RequestType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/**
 * A citizen's submission. Only these fields are accepted: status, branch, tracking
 * number and dates are set by the service and are refused if sent.
 */
@Schema(name = "SubmitRequestCommand")
public record SubmitRequestCommand(
        @NotNull @Schema(required = true) RequestType type,
        @NotBlank @Size(max = 32) @Schema(required = true, examples = "housing_utilities") String category,
        @NotBlank @Size(max = 8) @Schema(required = true, examples = "KZ-71") String region,
        @Size(max = 16) @Schema(examples = "KZ-71-01") String district,
        @NotBlank @Size(max = 200) @Schema(required = true, maxLength = 200) String subject,
        @NotBlank @Size(max = 4000) @Schema(required = true, maxLength = 4000) String description,
        @Size(max = 500) String address,
        @Valid Location location,
        @NotNull @Schema(required = true) Language language,
        @Schema(description = "Defaults to web") Channel channel,
        @Schema(description = "The citizen agrees that the description may be published without personal data")
        Boolean publicationConsent,
        @NotNull @Valid @Schema(required = true) Citizen citizen) {

    /** Where the problem is: inside Kazakhstan (a bounding box of the country). */
    @Schema(name = "SubmitLocation")
    public record Location(
            @NotNull @DecimalMin(value = "40.5", message = "must be inside Kazakhstan (latitude 40.5 to 55.5)")
            @DecimalMax(value = "55.5", message = "must be inside Kazakhstan (latitude 40.5 to 55.5)")
            BigDecimal latitude,
            @NotNull @DecimalMin(value = "46.4", message = "must be inside Kazakhstan (longitude 46.4 to 87.4)")
            @DecimalMax(value = "87.4", message = "must be inside Kazakhstan (longitude 46.4 to 87.4)")
            BigDecimal longitude) {
    }

    /** The applicant: a name and at least one contact; the IIN is optional but checked when given. */
    @Schema(name = "SubmitCitizen")
    public record Citizen(
            @NotBlank @Size(max = 200) @Schema(required = true) String fullName,
            @ValidIin @Schema(description = "12 digits with a valid check digit", examples = "900101300127") String iin,
            @Size(max = 32) @Pattern(regexp = "\\+?[0-9 ()-]{7,31}", message = "must be a phone number, e.g. +7 701 234 5678")
            String phone,
            @Email @Size(max = 254) String email) {
    }
}
