package kz.citizenrequests.open311;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import kz.citizenrequests.open311.ApiKeyViews.ApiKeyView;
import kz.citizenrequests.open311.ApiKeyViews.IssueApiKeyCommand;
import kz.citizenrequests.open311.ApiKeyViews.IssuedApiKeyView;
import kz.citizenrequests.shared.ProblemException;

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

    public ApiKeyService(Clock clock) {
        this.clock = clock;
    }

    public IssuedApiKeyView issue(IssueApiKeyCommand command) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String plain = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey key = ApiKey.issue(command.client().trim(), hash(plain), plain.substring(0, 12), clock.instant());
        persist(key);
        return new IssuedApiKeyView(ApiKeyView.of(key), plain);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ApiKeyView> all() {
        return list("order by id").stream().map(ApiKeyView::of).toList();
    }

    public ApiKeyView revoke(long id) {
        ApiKey key = findByIdOptional(id).orElseThrow(() -> new ProblemException(404, "api-key-not-found",
                "Api key not found", "No Open311 api key has id " + id + "."));
        key.revoke(clock.instant());
        return ApiKeyView.of(key);
    }

    /** The client of an active key, noting its use; empty for a missing, unknown or revoked key. */
    public Optional<String> clientOf(String plainKey) {
        if (plainKey == null || plainKey.isBlank() || plainKey.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiKey> key = find("keyHash", hash(plainKey.trim())).firstResultOptional();
        key.filter(ApiKey::active).ifPresent(k -> k.usedAt(clock.instant()));
        return key.filter(ApiKey::active).map(ApiKey::client);
    }

    static String hash(String plain) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
