package kz.citizenrequests.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
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
            String client,
            @Positive @Schema(nullable = true, description = "Submissions this key may make per Kazakhstan day; "
                    + "absent for the default (citizen-requests.open311.default-daily-quota)", examples = "500")
            Integer dailyQuota) {
    }

    /** A new daily quota for a key; null returns it to the default. */
    @Schema(name = "Open311DailyQuota")
    public record DailyQuotaCommand(
            @Positive @Schema(nullable = true, description = "Submissions per Kazakhstan day; null for the default",
                    examples = "500") Integer dailyQuota) {
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
            boolean active,
            @Schema(nullable = true, description = "The key's own daily quota; null when it has the default")
            Integer dailyQuota,
            @Schema(description = "Submissions per Kazakhstan day this key may make now; the 429 after them says when to retry")
            int effectiveDailyQuota) {

        static ApiKeyView of(ApiKey key, int defaultQuota) {
            return new ApiKeyView(key.id(), key.client(), key.keyPrefix(), key.createdAt(), key.revokedAt(),
                    key.lastUsedAt(), key.active(), key.dailyQuota(),
                    key.dailyQuota() == null ? defaultQuota : key.dailyQuota());
        }
    }

    /** The answer to issuing: the only time the plain key is shown. */
    @Schema(name = "IssuedOpen311ApiKey")
    public record IssuedApiKeyView(
            ApiKeyView key,
            @Schema(description = "The api_key to give the client; stored only as a hash, shown once") String apiKey) {
    }
}
