package kz.citizenrequests;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test identity provider on its own (no Quarkus): a browser's and a relying party's walk
 * through discovery, the login page, the code flow with PKCE, refresh, userinfo and RP-initiated
 * logout, over real HTTP.
 */
class IdentityProviderTest {

    private static final String REDIRECT_URI = "http://localhost:8081/workbench";
    private static final String POST_LOGOUT_URI = "http://localhost:8081/workbench/signed-out";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static IdentityProvider provider;
    private static Map<String, String> config;
    private static String realm;

    @BeforeAll
    static void start() {
        provider = new IdentityProvider();
        config = provider.start();
        realm = provider.realmUrl();
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    @BeforeEach
    void forgetRecords() {
        provider.clearRecords();
    }

    @Test
    void pointsTheWorkbenchTenantAtTheRealmOnLoopback() {
        assertEquals(Map.of("quarkus.oidc.workbench.auth-server-url", "http://127.0.0.1:" + provider.port() + "/realms/test"),
                config);
        assertEquals("http://127.0.0.1:" + provider.port() + "/realms/test", realm);
    }

    @Test
    void injectsItselfIntoAnnotatedFields() {
        class SomeTest {
            @IdentityProvider.Inject
            IdentityProvider annotated;
            IdentityProvider notAnnotated;
        }
        SomeTest test = new SomeTest();
        provider.inject(new TestInjector() {
            @Override
            public void injectIntoFields(Object value, Predicate<Field> predicate) {
                for (Field field : SomeTest.class.getDeclaredFields()) {
                    if (predicate.test(field)) {
                        try {
                            field.setAccessible(true);
                            field.set(test, value);
                        } catch (IllegalAccessException e) {
                            throw new AssertionError(e);
                        }
                    }
                }
            }
        });
        assertSame(provider, test.annotated);
        assertNull(test.notAnnotated);
    }

    @Test
    void discoveryAndKeys() throws Exception {
        HttpResponse<String> discovery = get(realm + "/.well-known/openid-configuration");
        assertEquals(200, discovery.statusCode());
        assertTrue(discovery.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        Map<String, Object> document = JsonUtil.parseJson(discovery.body());
        String oidc = realm + "/protocol/openid-connect";
        assertEquals(realm, document.get("issuer"));
        assertEquals(oidc + "/auth", document.get("authorization_endpoint"));
        assertEquals(oidc + "/token", document.get("token_endpoint"));
        assertEquals(oidc + "/certs", document.get("jwks_uri"));
        assertEquals(oidc + "/logout", document.get("end_session_endpoint"));
        assertEquals(oidc + "/userinfo", document.get("userinfo_endpoint"));
        assertEquals(List.of("S256"), document.get("code_challenge_methods_supported"));
        assertEquals(List.of("code"), document.get("response_types_supported"));
        assertEquals(List.of("public"), document.get("subject_types_supported"));
        assertEquals(List.of("RS256"), document.get("id_token_signing_alg_values_supported"));
        assertTrue(((List<?>) document.get("token_endpoint_auth_methods_supported")).contains("client_secret_basic"));

        JsonWebKeySet keys = jwks();
        assertEquals(1, keys.getJsonWebKeys().size());
        JsonWebKey key = keys.getJsonWebKeys().get(0);
        assertEquals("test-key", key.getKeyId());
        assertEquals("RSA", key.getKeyType());
        assertEquals("sig", key.getUse());
        assertEquals("RS256", key.getAlgorithm());
        assertNull(((RsaJsonWebKey) key).getRsaPrivateKey());
        // The dev public key, read here independently of the provider.
        String pem = new String(IdentityProviderTest.class.getClassLoader().getResourceAsStream("keys/dev-public.pem")
                .readAllBytes(), StandardCharsets.US_ASCII);
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        assertEquals(java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(der)), key.getKey());
    }

    @Test
    void refusesAnAuthorizationRequestWithoutCodeClientRedirectOrS256Challenge() throws Exception {
        Map<String, String> good = authorizationRequest(challenge(verifier()), "s", null);
        assertEquals(200, get(authorizeUri(good)).statusCode());

        for (Map.Entry<String, String> broken : List.of(
                Map.entry("response_type", ""), Map.entry("response_type", "token"),
                Map.entry("client_id", ""), Map.entry("client_id", "someone-else"),
                Map.entry("redirect_uri", ""), Map.entry("redirect_uri", "https://evil.example/cb"),
                Map.entry("code_challenge", ""), Map.entry("code_challenge_method", ""),
                Map.entry("code_challenge_method", "plain"))) {
            Map<String, String> params = new LinkedHashMap<>(good);
            if (broken.getValue().isEmpty()) {
                params.remove(broken.getKey());
            } else {
                params.put(broken.getKey(), broken.getValue());
            }
            HttpResponse<String> response = get(authorizeUri(params));
            assertEquals(400, response.statusCode(), broken.toString());
            assertTrue(response.body().contains("Bad authorization request"), broken.toString());
            assertFalse(response.body().contains("<form"), broken.toString());
        }
    }

    @Test
    void theWholeCodeFlowWithPkceRefreshUserinfoAndLogout() throws Exception {
        // The login page: a real form carrying the request.
        String verifier = verifier();
        String state = "state-" + verifier.substring(0, 8);
        String nonce = "nonce-" + verifier.substring(8, 16);
        HttpResponse<String> page = get(authorizeUri(authorizationRequest(challenge(verifier), state, nonce)));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String html = page.body();
        assertTrue(html.contains("<form method=\"post\" action=\"" + realm + "/login\">"), html);
        assertTrue(html.contains("<label for=\"username\">"), html);
        assertTrue(html.contains("<label for=\"password\">"), html);
        assertTrue(html.contains("id=\"username\" name=\"username\""), html);
        assertTrue(html.contains("id=\"password\" name=\"password\" type=\"password\""), html);
        assertTrue(html.contains("<button type=\"submit\">Sign in</button>"), html);
        Map<String, String> hidden = hiddenFields(html);
        assertEquals(state, hidden.get("state"));
        assertEquals(nonce, hidden.get("nonce"));
        assertEquals(REDIRECT_URI, hidden.get("redirect_uri"));
        assertEquals(challenge(verifier), hidden.get("code_challenge"));

        // A wrong password shows the form again, with an error, and signs no one in.
        HttpResponse<String> refused = submitLogin(hidden, "head-ast-d01", "wrong-password");
        assertEquals(200, refused.statusCode());
        assertTrue(refused.body().contains("Invalid username or password."));
        assertTrue(refused.body().contains("<button type=\"submit\">Sign in</button>"));
        assertEquals(state, hiddenFields(refused.body()).get("state"));
        assertTrue(refused.headers().firstValue("Location").isEmpty());
        HttpResponse<String> unknownUser = submitLogin(hidden, "nobody", IdentityProvider.PASSWORD);
        assertEquals(200, unknownUser.statusCode());
        assertTrue(unknownUser.body().contains("Invalid username or password."));
        assertTrue(provider.signIns().isEmpty());

        // The right password: back to the relying party with a code and the state.
        HttpResponse<String> signedIn = submitLogin(hidden, "head-ast-d01", IdentityProvider.PASSWORD);
        assertEquals(302, signedIn.statusCode());
        URI back = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        assertEquals(REDIRECT_URI, back.getScheme() + "://" + back.getAuthority() + back.getPath());
        Map<String, String> backParams = IdentityProvider.parseForm(back.getRawQuery());
        assertEquals(state, backParams.get("state"));
        String code = backParams.get("code");
        assertNotNull(code);
        assertEquals(1, provider.signIns().size());
        IdentityProvider.SignIn signIn = provider.signIns().get(0);
        assertEquals("head-ast-d01", signIn.username());
        assertEquals(IdentityProvider.subjectOf("head-ast-d01"), signIn.subject());
        assertEquals(REDIRECT_URI, signIn.redirectUri());

        // A wrong verifier is refused, and the code is spent: single use, whatever the outcome.
        HttpResponse<String> wrongVerifier = exchange(code, verifier(), REDIRECT_URI, basic(IdentityProvider.CLIENT_SECRET));
        assertInvalidGrant(wrongVerifier);
        assertInvalidGrant(exchange(code, verifier, REDIRECT_URI, basic(IdentityProvider.CLIENT_SECRET)));

        // A new code: without the client's secret, refused (and not spent); a different
        // redirect_uri, refused.
        String verifier2 = verifier();
        String code2 = signIn("head-ast-d01", verifier2, "s2", nonce);
        HttpResponse<String> noSecret = exchange(code2, verifier2, REDIRECT_URI, null);
        assertEquals(401, noSecret.statusCode());
        assertEquals("invalid_client", JsonUtil.parseJson(noSecret.body()).get("error"));
        assertEquals(401, exchange(code2, verifier2, REDIRECT_URI, basic("wrong-secret")).statusCode());
        assertInvalidGrant(exchange(code2, verifier2, REDIRECT_URI + "/other", basic(IdentityProvider.CLIENT_SECRET)));

        // The right verifier: tokens (client_secret_basic, as quarkus-oidc sends it).
        String verifier3 = verifier();
        String code3 = signIn("head-ast-d01", verifier3, "s3", nonce);
        HttpResponse<String> tokenResponse = exchange(code3, verifier3, REDIRECT_URI, basic(IdentityProvider.CLIENT_SECRET));
        assertEquals(200, tokenResponse.statusCode(), tokenResponse.body());
        assertEquals("no-store", tokenResponse.headers().firstValue("Cache-Control").orElseThrow());
        Map<String, Object> tokens = JsonUtil.parseJson(tokenResponse.body());
        assertEquals("Bearer", tokens.get("token_type"));
        assertEquals(300L, ((Number) tokens.get("expires_in")).longValue());
        assertNotNull(tokens.get("refresh_token"));
        // Used once: refused the second time.
        assertInvalidGrant(exchange(code3, verifier3, REDIRECT_URI, basic(IdentityProvider.CLIENT_SECRET)));

        // The id token: signed with the dev key under kid test-key, verified against the JWKS.
        JwtContext idToken = verify((String) tokens.get("id_token"), IdentityProvider.CLIENT_ID);
        assertEquals("test-key", idToken.getJoseObjects().get(0).getKeyIdHeaderValue());
        assertEquals("RS256", idToken.getJoseObjects().get(0).getAlgorithmHeaderValue());
        JwtClaims id = idToken.getJwtClaims();
        assertEquals(realm, id.getIssuer());
        assertEquals(List.of(IdentityProvider.CLIENT_ID), id.getAudience());
        assertEquals(IdentityProvider.subjectOf("head-ast-d01"), id.getSubject());
        assertEquals("22a4a3e4-a58a-513d-a9d1-56a69cd24a2c", id.getSubject());
        assertEquals(IdentityProvider.CLIENT_ID, id.getClaimValueAsString("azp"));
        assertEquals(nonce, id.getClaimValueAsString("nonce"));
        assertEquals(List.of("branch_head"), id.getStringListClaimValue("groups"));
        assertEquals("AST-D01", id.getClaimValueAsString("branch"));
        assertFalse(id.hasClaim("region"));
        assertEquals("head-ast-d01", id.getClaimValueAsString("preferred_username"));
        assertEquals("Nurlan Head", id.getClaimValueAsString("name"));
        assertEquals(300, id.getExpirationTime().getValue() - id.getIssuedAt().getValue());
        assertTrue(id.hasClaim("auth_time"));
        String sessionId = id.getClaimValueAsString("sid");
        assertNotNull(sessionId);

        // The access token: the API's audience, the same claims.
        JwtClaims access = verify((String) tokens.get("access_token"), IdentityProvider.ACCESS_TOKEN_AUDIENCE).getJwtClaims();
        assertEquals(List.of("citizen-requests"), access.getAudience());
        assertEquals(id.getSubject(), access.getSubject());
        assertEquals(List.of("branch_head"), access.getStringListClaimValue("groups"));
        assertEquals("AST-D01", access.getClaimValueAsString("branch"));
        assertEquals(realm, access.getIssuer());

        // userinfo with the bearer access token.
        HttpResponse<String> userinfo = userinfo((String) tokens.get("access_token"));
        assertEquals(200, userinfo.statusCode());
        Map<String, Object> info = JsonUtil.parseJson(userinfo.body());
        assertEquals(id.getSubject(), info.get("sub"));
        assertEquals("head-ast-d01", info.get("preferred_username"));
        assertEquals(List.of("branch_head"), info.get("groups"));
        assertEquals("AST-D01", info.get("branch"));
        assertEquals(401, userinfo("not-a-token").statusCode());
        assertEquals(401, userinfo(null).statusCode());

        // refresh_token: new tokens for the same user and session (client_secret_post this time).
        HttpResponse<String> refreshed = post(realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token"),
                "client_id", IdentityProvider.CLIENT_ID, "client_secret", IdentityProvider.CLIENT_SECRET), null);
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        Map<String, Object> newTokens = JsonUtil.parseJson(refreshed.body());
        assertNotEquals(tokens.get("refresh_token"), newTokens.get("refresh_token"));
        JwtClaims newId = verify((String) newTokens.get("id_token"), IdentityProvider.CLIENT_ID).getJwtClaims();
        assertEquals(id.getSubject(), newId.getSubject());
        assertEquals(sessionId, newId.getClaimValueAsString("sid"));
        assertEquals(id.getClaimValue("auth_time"), newId.getClaimValue("auth_time"));
        assertFalse(newId.hasClaim("nonce"));
        assertEquals(200, userinfo((String) newTokens.get("access_token")).statusCode());
        assertEquals(401, post(realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "refresh_token", (String) newTokens.get("refresh_token")),
                basic("wrong-secret")).statusCode());
        assertInvalidGrant(post(realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "refresh_token", "made-up"), basic(IdentityProvider.CLIENT_SECRET)));

        // RP-initiated logout: the provider session ends, back to the post-logout page with the state.
        assertTrue(provider.endedSessions().isEmpty());
        HttpResponse<String> loggedOut = get(realm + "/protocol/openid-connect/logout?" + form(Map.of(
                "id_token_hint", (String) newTokens.get("id_token"),
                "post_logout_redirect_uri", POST_LOGOUT_URI,
                "state", "logout-state")));
        assertEquals(302, loggedOut.statusCode());
        assertEquals(POST_LOGOUT_URI + "?state=logout-state", loggedOut.headers().firstValue("Location").orElseThrow());
        assertEquals(1, provider.endedSessions().size());
        IdentityProvider.EndedSession ended = provider.endedSessions().get(0);
        assertEquals("head-ast-d01", ended.username());
        assertEquals(id.getSubject(), ended.subject());
        assertEquals(sessionId, ended.sessionId());
        assertEquals(POST_LOGOUT_URI, ended.postLogoutRedirectUri());
        // The session's tokens are dead.
        assertInvalidGrant(post(realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "refresh_token", (String) newTokens.get("refresh_token")),
                basic(IdentityProvider.CLIENT_SECRET)));
        assertEquals(401, userinfo((String) newTokens.get("access_token")).statusCode());
        // A second logout with the same hint still redirects, but records nothing new.
        assertEquals(302, get(realm + "/protocol/openid-connect/logout?" + form(Map.of(
                "id_token_hint", (String) tokens.get("id_token"),
                "post_logout_redirect_uri", POST_LOGOUT_URI))).statusCode());
        assertEquals(1, provider.endedSessions().size());
        // A forged or missing hint is refused.
        assertEquals(400, get(realm + "/protocol/openid-connect/logout?" + form(Map.of(
                "id_token_hint", Tokens.admin(), "post_logout_redirect_uri", POST_LOGOUT_URI))).statusCode());
        assertEquals(400, get(realm + "/protocol/openid-connect/logout?" + form(Map.of(
                "post_logout_redirect_uri", POST_LOGOUT_URI))).statusCode());
        assertEquals(3, provider.signIns().size());
    }

    @Test
    void everyUserSignsInWithTheirRoleBranchAndRegion() throws Exception {
        assertEquals(List.of("op-ast-d01", "head-ast-d01", "op-ast-rb", "head-ast-rb", "op-kar-rb",
                        "leader-national", "leader-kz71", "administrator"),
                IdentityProvider.users().stream().map(IdentityProvider.User::username).toList());
        for (IdentityProvider.User user : IdentityProvider.users()) {
            String verifier = verifier();
            String code = signIn(user.username(), verifier, "s", null);
            HttpResponse<String> response = exchange(code, verifier, REDIRECT_URI, basic(IdentityProvider.CLIENT_SECRET));
            assertEquals(200, response.statusCode(), response.body());
            JwtClaims id = verify((String) JsonUtil.parseJson(response.body()).get("id_token"),
                    IdentityProvider.CLIENT_ID).getJwtClaims();
            assertEquals(user.subject(), id.getSubject());
            assertEquals(List.of(user.role()), id.getStringListClaimValue("groups"), user.username());
            assertEquals(user.branch(), id.getClaimValueAsString("branch"), user.username());
            assertEquals(user.region(), id.getClaimValueAsString("region"), user.username());
            assertFalse(id.hasClaim("nonce"));
        }
        assertEquals("KAR-RB", IdentityProvider.user("op-kar-rb").branch());
        assertEquals("KZ-71", IdentityProvider.user("leader-kz71").region());
        assertEquals("f0a722ea-872d-5e67-b6a7-14eb6081b9ad", IdentityProvider.subjectOf("administrator"));
        assertEquals(IdentityProvider.users().size(), provider.signIns().size());
        assertEquals(IdentityProvider.users().size(),
                provider.signIns().stream().map(IdentityProvider.SignIn::subject).distinct().count());
    }

    @Test
    void signatureCheckRejectsATokenFromAnotherKey() throws Exception {
        RsaJsonWebKey other = org.jose4j.jwk.RsaJwkGenerator.generateJwk(2048);
        other.setKeyId("test-key");
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(realm);
        claims.setAudience(IdentityProvider.CLIENT_ID);
        claims.setSubject("forged");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        jws.setPayload(claims.toJson());
        jws.setKey(other.getPrivateKey());
        jws.setKeyIdHeaderValue("test-key");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        String forged = jws.getCompactSerialization();
        assertThrows(InvalidJwtException.class, () -> verify(forged, IdentityProvider.CLIENT_ID));
        assertEquals(400, get(realm + "/protocol/openid-connect/logout?" + form(Map.of("id_token_hint", forged)))
                .statusCode());
    }

    // ---- a browser and a relying party ----

    private static Map<String, String> authorizationRequest(String challenge, String state, String nonce) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", IdentityProvider.CLIENT_ID);
        params.put("scope", "openid profile");
        params.put("redirect_uri", REDIRECT_URI);
        params.put("state", state);
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");
        if (nonce != null) {
            params.put("nonce", nonce);
        }
        return params;
    }

    private static String authorizeUri(Map<String, String> params) {
        return realm + "/protocol/openid-connect/auth?" + form(params);
    }

    /** Opens the login page, signs in, and returns the code from the redirect. */
    private static String signIn(String username, String verifier, String state, String nonce) throws Exception {
        HttpResponse<String> page = get(authorizeUri(authorizationRequest(challenge(verifier), state, nonce)));
        assertEquals(200, page.statusCode());
        HttpResponse<String> response = submitLogin(hiddenFields(page.body()), username, IdentityProvider.PASSWORD);
        assertEquals(302, response.statusCode(), response.body());
        Map<String, String> params = IdentityProvider.parseForm(
                URI.create(response.headers().firstValue("Location").orElseThrow()).getRawQuery());
        assertEquals(state, params.get("state"));
        return params.get("code");
    }

    private static HttpResponse<String> submitLogin(Map<String, String> hidden, String username, String password)
            throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(hidden);
        fields.put("username", username);
        fields.put("password", password);
        return post(realm + "/login", fields, null);
    }

    private static HttpResponse<String> exchange(String code, String verifier, String redirectUri, String authorization)
            throws Exception {
        return post(realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "code_verifier", verifier), authorization);
    }

    private static HttpResponse<String> userinfo(String accessToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/userinfo"));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertInvalidGrant(HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_grant", JsonUtil.parseJson(response.body()).get("error"));
    }

    private static JsonWebKeySet jwks() throws Exception {
        HttpResponse<String> response = get(realm + "/protocol/openid-connect/certs");
        assertEquals(200, response.statusCode());
        return new JsonWebKeySet(response.body());
    }

    /** Verifies a token's signature against the provider's JWKS, its issuer, audience and expiry. */
    private static JwtContext verify(String token, String audience) throws Exception {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks().getJsonWebKeys()))
                .setExpectedIssuer(realm)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .build();
        return consumer.process(token);
    }

    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2).replace("&quot;", "\"").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&"));
        }
        return fields;
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String basic(String secret) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (IdentityProvider.CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String uri, Map<String, String> fields, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
