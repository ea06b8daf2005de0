package kz.citizenrequests.shared;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a verified token is remembered for, and for how long, on a clock the test moves. */
class VerifiedTokensTest {

    private static final String PER_REQUEST = RoutingContext.class.getName();

    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-30T06:00:00Z"));
    private final VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(5), clock, Set.of(PER_REQUEST));

    @Test
    void aTokenIsFoundUntilItExpires() {
        tokens.remember("Default", "token-a", identity("operator-a", "operator"), clock.instant().plusSeconds(60));
        clock.move(Duration.ofSeconds(59));
        assertEquals("operator-a", tokens.find("Default", "token-a").orElseThrow().getPrincipal().getName());
        clock.move(Duration.ofSeconds(1));
        assertTrue(tokens.find("Default", "token-a").isEmpty(), "found at its expiry");
    }

    @Test
    void aTokenThatExpiresLaterIsKeptNoLongerThanTheLimit() {
        tokens.remember("Default", "token-b", identity("operator-b", "operator"), clock.instant().plus(Duration.ofHours(1)));
        assertTrue(tokens.find("Default", "token-b").isPresent());
        clock.move(Duration.ofMinutes(5));
        assertTrue(tokens.find("Default", "token-b").isEmpty(), "kept past rememberFor");
    }

    @Test
    void onlyTheSameTextForTheSameTenantIsFound() {
        tokens.remember("Default", "token-c", identity("operator-c", "operator"), clock.instant().plusSeconds(60));
        assertTrue(tokens.find("Default", "token-C").isEmpty());
        assertTrue(tokens.find("Default", "token-c ").isEmpty());
        assertTrue(tokens.find("workbench", "token-c").isEmpty());
        assertTrue(tokens.find("Default", "token-c").isPresent());
    }

    @Test
    void anExpiredTokenIsNotKept() {
        tokens.remember("Default", "token-d", identity("operator-d", "operator"), clock.instant());
        assertTrue(tokens.find("Default", "token-d").isEmpty());
        assertEquals(0, tokens.size());
    }

    @Test
    void theIdentityKeepsRolesAndClaimsButNotTheRequestItCameWith() {
        QuarkusSecurityIdentity verified = QuarkusSecurityIdentity.builder(identity("head-e", "branch_head"))
                .addAttribute(PER_REQUEST, new Object())
                .addAttribute("tenant-id", "Default")
                .build();
        tokens.remember("Default", "token-e", verified, clock.instant().plusSeconds(60));
        var found = tokens.find("Default", "token-e").orElseThrow();
        assertTrue(found.hasRole("branch_head"));
        assertFalse(found.hasRole("operator"));
        assertEquals("Default", found.getAttribute("tenant-id"));
        assertNull(found.getAttribute(PER_REQUEST));
    }

    @Test
    void noMoreThanTheLimitIsKept() {
        VerifiedTokens few = new VerifiedTokens(3, Duration.ofMinutes(5), clock, Set.of());
        for (int i = 0; i < 10; i++) {
            few.remember("Default", "token-" + i, identity("operator-" + i, "operator"), clock.instant().plusSeconds(60));
        }
        assertTrue(few.size() <= 3, "kept " + few.size());
    }

    private static QuarkusSecurityIdentity identity(String name, String role) {
        Principal principal = () -> name;
        return QuarkusSecurityIdentity.builder().setPrincipal(principal).addRole(role).build();
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
