package kz.citizenrequests.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** What the administrators' api key endpoints take and answer. */
public final class ApiKeyViews {

    private ApiKeyViews() {
    }

    @Schema(name = "IssueOpen311ApiKeyCommand")
    public record IssueApiKeyCommand(
            @NotBlank @Size(max = 200) @Schema(required = true, description = "Who the key is for", examples = "FixMyStreet Astana")
            String client) {
    }

    /** A key as listed: never the secret. */
    @Schema(name = "Open311ApiKey")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ApiKeyView(
            long id,
            String client,
            @Schema(description = "The first characters of the key, to tell keys apart", examples = "o311_Xq3vK9a")
            String keyPrefix,
            Instant createdAt,
            @Schema(nullable = true) Instant revokedAt,
            @Schema(nullable = true) Instant lastUsedAt,
            boolean active) {

        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id(), key.client(), key.keyPrefix(), key.createdAt(), key.revokedAt(),
                    key.lastUsedAt(), key.active());
        }
    }

    /** The answer to issuing: the only time the plain key is shown. */
    @Schema(name = "IssuedOpen311ApiKey")
    public record IssuedApiKeyView(
            ApiKeyView key,
            @Schema(description = "The api_key to give the client; stored only as a hash, shown once") String apiKey) {
    }
}
