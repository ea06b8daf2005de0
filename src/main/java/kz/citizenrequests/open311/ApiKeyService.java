package kz.citizenrequests.open311;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import kz.citizenrequests.open311.ApiKeyViews.ApiKeyView;
import kz.citizenrequests.open311.ApiKeyViews.IssueApiKeyCommand;
import kz.citizenrequests.open311.ApiKeyViews.IssuedApiKeyView;
import kz.citizenrequests.shared.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Issues, lists, revokes and checks Open311 api_keys. The plain key is shown once and never stored. */
@ApplicationScoped
@Transactional
public class ApiKeyService implements PanacheRepository<ApiKey> {

    private static final String PREFIX = "o311_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final int defaultQuota;

    public ApiKeyService(Clock clock,
                         @ConfigProperty(name = "citizen-requests.open311.default-daily-quota", defaultValue = "1000") int defaultQuota) {
        this.clock = clock;
        this.defaultQuota = defaultQuota;
    }

    /** An active key's integrator: the key's id, the client it was issued to and its daily quota. */
    public record Integrator(long keyId, String client, int dailyQuota) {
    }

    public IssuedApiKeyView issue(IssueApiKeyCommand command) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String plain = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey key = ApiKey.issue(command.client().trim(), hash(plain), plain.substring(0, 12), clock.instant(),
                command.dailyQuota());
        persist(key);
        return new IssuedApiKeyView(ApiKeyView.of(key, defaultQuota), plain);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ApiKeyView> all() {
        return list("order by id").stream().map(k -> ApiKeyView.of(k, defaultQuota)).toList();
    }

    public ApiKeyView revoke(long id) {
        ApiKey key = key(id);
        key.revoke(clock.instant());
        return ApiKeyView.of(key, defaultQuota);
    }

    /** Sets the key's own daily quota; null returns it to the default. Takes effect with the next submission. */
    public ApiKeyView limit(long id, Integer dailyQuota) {
        ApiKey key = key(id);
        key.limitTo(dailyQuota);
        return ApiKeyView.of(key, defaultQuota);
    }

    private ApiKey key(long id) {
        return findByIdOptional(id).orElseThrow(() -> new ProblemException(404, "api-key-not-found",
                "Api key not found", "No Open311 api key has id " + id + "."));
    }

    /** The integrator behind an active key, noting its use; empty for a missing, unknown or revoked key. */
    public Optional<Integrator> integratorOf(String plainKey) {
        if (plainKey == null || plainKey.isBlank() || plainKey.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiKey> key = find("keyHash", hash(plainKey.trim())).firstResultOptional().filter(ApiKey::active);
        key.ifPresent(k -> k.usedAt(clock.instant()));
        return key.map(k -> new Integrator(k.id(), k.client(), k.dailyQuota() == null ? defaultQuota : k.dailyQuota()));
    }

    static String hash(String plain) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
