package kz.citizenrequests.shared;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A credential that is sent is checked, on every endpoint, even those open to anonymous
 * callers: a present but invalid, expired or foreign token is refused with 401 rather
 * than silently treated as no token. A token without a subject names no account and is
 * refused too. (Authentication is otherwise lazy, so that its failures reach the problem mapper.)
 */
public class PresentTokenCheck {

    private final CurrentIdentityAssociation identities;

    public PresentTokenCheck(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> refuseInvalidCredentials(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(identity -> {
            if (identity.isAnonymous()) {
                throw new AuthenticationFailedException("The Authorization header carries no valid bearer token");
            }
            if (identity.getPrincipal() instanceof JsonWebToken jwt && !hasUsableSubject(jwt)) {
                throw new AuthenticationFailedException("The token has no usable subject");
            }
        }).replaceWithVoid();
    }

    /** OpenID Connect: a subject is at most 255 ASCII characters. */
    private static boolean hasUsableSubject(JsonWebToken jwt) {
        String subject = jwt.getSubject();
        return subject != null && !subject.isBlank() && subject.length() <= 255
                && subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
