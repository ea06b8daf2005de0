package kz.citizenrequests.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Every kind of bad token is refused with 401, on protected and on open endpoints alike. */
@QuarkusTest
class TokenVerificationTest {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    static Stream<Arguments> badTokens() throws Exception {
        String valid = Tokens.operator("AST-RB");
        String[] parts = valid.split("\\.");
        String payload = "{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE
                + "\",\"sub\":\"x\",\"groups\":[\"operator\"],\"branch\":\"AST-RB\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}";
        String noneToken = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(payload) + ".";
        String hsHeader = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(payload);
        String hsToken = hsHeader + "." + hmac(hsHeader, publicKeyPem());
        String tamperedPayload = encode(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"AST-RB\"", "\"ALA-RB\""));
        return Stream.of(
                Arguments.of("alg none", noneToken),
                Arguments.of("HS256 signed with the public key", hsToken),
                Arguments.of("expired", Tokens.claims("operator", "x").claim("branch", "AST-RB")
                        .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign(Tokens.PRIVATE_KEY)),
                Arguments.of("not yet valid", Tokens.claims("operator", "x").claim("branch", "AST-RB")
                        .claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond()).sign(Tokens.PRIVATE_KEY)),
                Arguments.of("wrong issuer", Jwt.issuer("https://evil.example").audience(Tokens.AUDIENCE).subject("x")
                        .groups("operator").claim("branch", "AST-RB").expiresAt(Instant.now().plusSeconds(600)).sign(Tokens.PRIVATE_KEY)),
                Arguments.of("wrong audience", Jwt.issuer(Tokens.ISSUER).audience("another-service").subject("x")
                        .groups("operator").claim("branch", "AST-RB").expiresAt(Instant.now().plusSeconds(600)).sign(Tokens.PRIVATE_KEY)),
                Arguments.of("tampered payload", parts[0] + "." + tamperedPayload + "." + parts[2]),
                Arguments.of("not a token", "hello"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedOnAProtectedEndpoint(String kind, String token) {
        given().auth().oauth2(token).get("/api/v1/requests")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedEvenWhereNoTokenIsNeeded(String kind, String token) {
        TestData.Counts before = TestData.counts(io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(TestData.submission())
                .post("/api/v1/requests")
                .then().statusCode(401).contentType("application/problem+json");
        org.junit.jupiter.api.Assertions.assertEquals(before,
                TestData.counts(io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedOnPublicReadsToo(String kind, String token) {
        given().auth().oauth2(token).get("/api/v1/regions")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(token).get("/open311/v2/services.json")
                .then().statusCode(401).body("[0].code", equalTo(401));
    }

    @org.junit.jupiter.api.Test
    void anAuthorizationHeaderThatIsNotABearerTokenIsRefused() {
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/regions")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @org.junit.jupiter.api.Test
    void aTokenWithoutASubjectNamesNoAccountAndIsRefused() {
        String noSubject = Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).upn("citizen-A").groups("citizen")
                .expiresAt(Instant.now().plusSeconds(600)).sign(Tokens.PRIVATE_KEY);
        given().auth().oauth2(noSubject).get("/api/v1/citizen/requests").then().statusCode(401);
        given().auth().oauth2(noSubject).get("/api/v1/regions").then().statusCode(401);
    }

    @org.junit.jupiter.api.Test
    void aValidTokenIsAccepted() {
        given().auth().oauth2(Tokens.citizen("citizen-valid")).get("/api/v1/regions").then().statusCode(200);
        given().auth().oauth2(Tokens.operator("AST-RB")).get("/api/v1/requests").then().statusCode(200);
    }

    @org.junit.jupiter.api.Test
    void aTokenSeenBeforeIsFoundVerifiedWithItsRoles() {
        String token = Tokens.operator("AST-RB");
        double found = verifiedTokens(true);
        double verified = verifiedTokens(false);
        for (int call = 0; call < 2; call++) {
            given().auth().oauth2(token).get("/api/v1/requests").then().statusCode(200);
            given().auth().oauth2(token).get("/api/v1/admin/access-log").then().statusCode(403);
        }
        org.junit.jupiter.api.Assertions.assertEquals(verified + 1, verifiedTokens(false), "verified once");
        org.junit.jupiter.api.Assertions.assertEquals(found + 3, verifiedTokens(true), "found three times");
    }

    @org.junit.jupiter.api.Test
    void aTokenAcceptedBeforeIsRefusedOnceChanged() {
        String token = Tokens.operator("AST-RB");
        given().auth().oauth2(token).get("/api/v1/requests").then().statusCode(200);
        String[] parts = token.split("\\.");
        String otherBranch = encode(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"AST-RB\"", "\"ALA-RB\""));
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);
        given().auth().oauth2(parts[0] + "." + otherBranch + "." + parts[2]).get("/api/v1/requests").then().statusCode(401);
        given().auth().oauth2(parts[0] + "." + parts[1] + "." + otherSignature).get("/api/v1/requests").then().statusCode(401);
        given().auth().oauth2(token).get("/api/v1/requests").then().statusCode(200);
    }

    @org.junit.jupiter.api.Test
    void aTokenAcceptedBeforeIsRefusedOnceExpired() {
        Instant expiry = Instant.now().plusSeconds(2);
        String token = Tokens.claims("operator", "operator-expiring").claim("branch", "AST-RB")
                .expiresAt(expiry).sign(Tokens.PRIVATE_KEY);
        given().auth().oauth2(token).get("/api/v1/requests").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/requests").then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> given().auth().oauth2(token).get("/api/v1/requests").statusCode() == 401);
        org.junit.jupiter.api.Assertions.assertTrue(Instant.now().isBefore(expiry.plusSeconds(3)),
                "still accepted " + java.time.Duration.between(expiry, Instant.now()) + " after its expiry");
    }

    private double verifiedTokens(boolean found) {
        return registry.counter("citizen_requests_verified_tokens", "found", String.valueOf(found)).count();
    }

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String signingInput, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    }

    private static String publicKeyPem() throws IOException {
        try (InputStream in = TokenVerificationTest.class.getClassLoader().getResourceAsStream("keys/dev-public.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
