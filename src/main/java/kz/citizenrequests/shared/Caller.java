package kz.citizenrequests.shared;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * The caller of the current HTTP request, as its verified token says: anonymous, or a
 * subject with one role and, for staff, the branch they belong to.
 */
@RequestScoped
public class Caller {

    static final String BRANCH_CLAIM = "branch";
    static final String REGION_CLAIM = "region";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    public boolean is(Role role) {
        return !identity.isAnonymous() && identity.hasRole(role.claim());
    }

    public boolean isStaff() {
        return is(Role.OPERATOR) || is(Role.BRANCH_HEAD);
    }

    /** The most capable role the token carries, if any. */
    public Optional<Role> role() {
        for (Role role : new Role[]{Role.ADMIN, Role.LEADERSHIP, Role.BRANCH_HEAD, Role.OPERATOR, Role.CITIZEN}) {
            if (is(role)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /**
     * The token's {@code sub} claim. Never the principal name: smallrye-jwt takes that from
     * {@code upn} or {@code preferred_username} first, and those are changeable, user-facing names.
     */
    public String subject() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : null;
    }

    /**
     * The account that owns what this caller submits: the issuer and the subject together, as
     * OpenID Connect defines a stable, unique account. Null for an anonymous caller.
     */
    public String account() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getIssuer() + "|" + jwt.getSubject();
        }
        return null;
    }

    /**
     * The name a person signed in on the pages goes by ({@code name}, else
     * {@code preferred_username}), for the page header only: never for the history or logs,
     * which name the role and the subject.
     */
    public String displayName() {
        return claim("name").or(() -> claim("preferred_username")).orElse(null);
    }

    public Optional<String> branch() {
        return claim(BRANCH_CLAIM);
    }

    public Optional<String> region() {
        return claim(REGION_CLAIM);
    }

    /** How the history names this caller. */
    public String actorName() {
        return role().map(r -> r.claim() + ":" + subject()).orElse("anonymous");
    }

    /** The branch of a staff caller; a staff token without one may not work any request. */
    public String staffBranch() {
        return branch().orElseThrow(() -> new ForbiddenException("Your token names no branch."));
    }

    private Optional<String> claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            if (value != null) {
                String text = value.toString();
                if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                    text = text.substring(1, text.length() - 1);
                }
                return text.isBlank() ? Optional.empty() : Optional.of(text);
            }
        }
        return Optional.empty();
    }
}
