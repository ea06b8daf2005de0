package kz.citizenrequests.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Spares a bearer token already verified its second RS256 check: the check took a fifth of a
 * staff reading's CPU and a sixth of an act's (docs/PERFORMANCE.md, item 18).
 * <p>
 * As an identity provider it comes before quarkus-oidc's. It answers only an access token sent
 * as a bearer token that {@link VerifiedTokens} holds for the tenant the request was resolved
 * to; anything else (a first sight, a changed token, an expired one, the workbench's ID
 * tokens) goes on to quarkus-oidc, which verifies it and refuses what is invalid. As the
 * first augmentor it keeps what quarkus-oidc verified, as quarkus-oidc built it.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest>, SecurityIdentityAugmentor {

    /** quarkus-oidc's attribute naming the tenant that verified a token (OidcUtils.TENANT_ID_ATTRIBUTE). */
    static final String TENANT_ATTRIBUTE = "tenant-id";

    /** Marks an identity this provider found, so that the augmentor does not look it up again. */
    private static final String FOUND = "citizen-requests.verified-token-found";

    private final VerifiedTokens verified;
    private final boolean enabled;
    private final Counter hits;
    private final Counter misses;

    public TokenIdentityProvider(TokenSettings settings, Clock clock, MeterRegistry registry) {
        this.enabled = settings.rememberAtMost() > 0;
        this.verified = new VerifiedTokens(Math.max(settings.rememberAtMost(), 0), settings.rememberFor(), clock,
                Set.of(RoutingContext.class.getName(), AuthenticationRequestContext.class.getName(),
                        HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, FOUND));
        this.hits = Counter.builder("citizen_requests_verified_tokens").tag("found", "true")
                .description("Bearer tokens found already verified").register(registry);
        this.misses = Counter.builder("citizen_requests_verified_tokens").tag("found", "false")
                .description("Bearer tokens passed on to quarkus-oidc to verify").register(registry);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider, and before any other augmentor. */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (!enabled || !(request.getToken() instanceof AccessTokenCredential) || routing == null
                || !(routing.get(TENANT_ATTRIBUTE) instanceof String tenant)) {
            return Uni.createFrom().nullItem();
        }
        return verified.find(tenant, request.getToken().getToken())
                .map(identity -> {
                    hits.increment();
                    routing.put(AuthenticationRequestContext.class.getName(), context);
                    return Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder(identity)
                            .addAttribute(RoutingContext.class.getName(), routing)
                            .addAttribute(AuthenticationRequestContext.class.getName(), context)
                            .addAttribute(FOUND, Boolean.TRUE)
                            .build());
                })
                .orElseGet(() -> {
                    misses.increment();
                    return Uni.createFrom().nullItem();
                });
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
                                         Map<String, Object> attributes) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (enabled && token != null && identity.getAttribute(FOUND) == null
                && identity.getCredential(IdTokenCredential.class) == null
                && identity instanceof QuarkusSecurityIdentity built && !built.isAnonymous()
                && built.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0
                && built.getAttribute(TENANT_ATTRIBUTE) instanceof String tenant) {
            verified.remember(tenant, token.getToken(), built, Instant.ofEpochSecond(jwt.getExpirationTime()));
        }
        return Uni.createFrom().item(identity);
    }
}
