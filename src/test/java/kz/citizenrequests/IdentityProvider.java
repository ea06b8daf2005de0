package kz.citizenrequests;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A test-only OpenID Connect provider on WireMock, in the shape of the Keycloak realm of the
 * reference set-up (docker/keycloak/realm.json): the workbench client
 * ({@value #CLIENT_ID}, authorization code flow with PKCE S256, client_secret_basic or
 * client_secret_post), the local sample staff users (password {@value #PASSWORD}), roles in the
 * {@code groups} claim, {@code branch} and {@code region} claims, RP-initiated logout.
 * <p>
 * The realm lives at {@code http://127.0.0.1:PORT/realms/test}; {@link #start()} points the
 * {@code workbench} tenant at it (the default tenant stays on the local dev key). Tokens are
 * signed RS256 with {@code keys/dev-private.pem} (header kid {@value #KEY_ID}); the JWKS
 * publishes the matching {@code keys/dev-public.pem}.
 * <p>
 * It records successful sign-ins ({@link #signIns()}) and ended provider sessions
 * ({@link #endedSessions()}); tests receive the instance in a field annotated {@link Inject}.
 * Everything else (codes, sessions, tokens) lives in memory for the whole test run.
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(IdentityProvider.class)
 * class WorkbenchSignInTest {
 *     @IdentityProvider.Inject
 *     IdentityProvider provider;
 *     ...
 *     assertEquals("head-ast-d01", provider.signIns().get(0).username());
 * }
 * }</pre>
 * Access tokens carry {@code iss} = the realm URL, so the default (API) tenant, which trusts the
 * dev issuer only, does not accept them; API tests keep using {@link Tokens}.
 */
public class IdentityProvider implements QuarkusTestResourceLifecycleManager {

    /** Marks a test's {@code IdentityProvider} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    public static final String REALM_PATH = "/realms/test";
    public static final String CLIENT_ID = "citizen-requests-workbench";
    public static final String CLIENT_SECRET = "workbench-local-secret";
    /** The password of every user. */
    public static final String PASSWORD = "local-only-password";
    /** The {@code aud} of access tokens (the API's audience). */
    public static final String ACCESS_TOKEN_AUDIENCE = "citizen-requests";
    public static final String KEY_ID = "test-key";
    public static final String PRIVATE_KEY = "keys/dev-private.pem";
    public static final String PUBLIC_KEY = "keys/dev-public.pem";
    /** The config key {@link #start()} sets to {@link #realmUrl()}. */
    public static final String AUTH_SERVER_URL_KEY = "quarkus.oidc.workbench.auth-server-url";

    static final Duration CODE_LIFESPAN = Duration.ofSeconds(60);
    static final Duration DEFAULT_TOKEN_LIFESPAN = Duration.ofMinutes(5);
    static final Duration REFRESH_LIFESPAN = Duration.ofMinutes(30);

    private static final String TRANSFORMER = "identity-provider";
    private static final String ENDPOINT = "endpoint";
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    /** A sample user, as in the Keycloak realm (ids too). */
    public record User(String username, String subject, String role, String branch, String region,
                       String givenName, String familyName) {

        public String name() {
            return givenName + " " + familyName;
        }

        public String email() {
            return username + "@citizen-requests.local";
        }
    }

    /** A successful sign-in on the login page: a provider session began. */
    public record SignIn(String username, String subject, String sessionId, String redirectUri, Instant at) {
    }

    /** A provider session that RP-initiated logout ended. */
    public record EndedSession(String username, String subject, String sessionId,
                               String postLogoutRedirectUri, Instant at) {
    }

    private static final Map<String, User> USERS = users(
            new User("op-ast-d01", "6bcded7d-59c1-5742-858d-9f568134565d", "operator", "AST-D01", null, "Aigerim", "Operator"),
            new User("head-ast-d01", "22a4a3e4-a58a-513d-a9d1-56a69cd24a2c", "branch_head", "AST-D01", null, "Nurlan", "Head"),
            new User("op-ast-rb", "290db6df-5d43-5935-8bf1-1699e88f2e60", "operator", "AST-RB", null, "Dana", "Operator"),
            new User("head-ast-rb", "abf614fb-8c25-533d-b72a-c8768210b893", "branch_head", "AST-RB", null, "Yerlan", "Head"),
            // Not in realm.json: an operator of another region's regional branch (Karaganda, KZ-35).
            new User("op-kar-rb", derivedId("op-kar-rb"), "operator", "KAR-RB", null, "Gulnara", "Operator"),
            new User("leader-national", "f32402b2-7b81-53d4-a91f-6e6b232387e4", "leadership", null, null, "Saule", "Leader"),
            new User("leader-kz71", "eb1e87b0-18b2-5c0d-8381-ab140d4a783b", "leadership", null, "KZ-71", "Marat", "Leader"),
            new User("administrator", "f0a722ea-872d-5e67-b6a7-14eb6081b9ad", "admin", null, null, "Aliya", "Administrator"));

    private record PendingCode(User user, String clientId, String redirectUri, String codeChallenge, String nonce,
                               String scope, String sessionId, Instant authTime, Instant expiresAt) {
    }

    private record Grant(User user, String sessionId, Instant authTime, String scope, Instant expiresAt) {
    }

    private static final class Session {
        final String id;
        final User user;
        final Instant authTime;
        volatile boolean ended;

        Session(String id, User user, Instant authTime) {
            this.id = id;
            this.user = user;
            this.authTime = authTime;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final List<SignIn> signIns = new CopyOnWriteArrayList<>();
    private final List<EndedSession> endedSessions = new CopyOnWriteArrayList<>();
    private volatile Duration tokenLifespan = DEFAULT_TOKEN_LIFESPAN;

    private RSAPublicKey publicKey;
    private WireMockServer wireMock;
    private String realmUrl;

    @Override
    public Map<String, String> start() {
        publicKey = readPublicKey(PUBLIC_KEY);
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new Endpoints()));
        wireMock.start();
        realmUrl = "http://127.0.0.1:" + wireMock.port() + REALM_PATH;
        stub();
        return Map.of(AUTH_SERVER_URL_KEY, realmUrl);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(Inject.class, IdentityProvider.class));
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
            wireMock = null;
        }
    }

    // ---- the public API for tests ----

    /** {@code http://127.0.0.1:PORT/realms/test}: the issuer and the base of every endpoint. */
    public String realmUrl() {
        return realmUrl;
    }

    public int port() {
        return wireMock.port();
    }

    /** Successful sign-ins on the login page, oldest first. */
    public List<SignIn> signIns() {
        return List.copyOf(signIns);
    }

    /** Provider sessions ended by RP-initiated logout, oldest first. */
    public List<EndedSession> endedSessions() {
        return List.copyOf(endedSessions);
    }

    /** Forgets the recorded sign-ins and ended sessions (sessions and tokens stay valid). */
    public void clearRecords() {
        signIns.clear();
        endedSessions.clear();
    }

    /** The lifespan of the id and access tokens issued from now on (5 minutes unless set). */
    public void tokenLifespan(Duration lifespan) {
        tokenLifespan = Objects.requireNonNull(lifespan);
    }

    public static List<User> users() {
        return List.copyOf(USERS.values());
    }

    public static User user(String username) {
        User user = USERS.get(username);
        if (user == null) {
            throw new IllegalArgumentException("no such user: " + username);
        }
        return user;
    }

    /** The {@code sub} of a user's tokens. */
    public static String subjectOf(String username) {
        return user(username).subject();
    }

    // ---- stubs ----

    private void stub() {
        wireMock.stubFor(get(urlPathEqualTo(REALM_PATH + "/.well-known/openid-configuration"))
                .willReturn(json(200, discovery())));
        wireMock.stubFor(get(urlPathEqualTo(REALM_PATH + "/protocol/openid-connect/certs"))
                .willReturn(json(200, jwks())));
        wireMock.stubFor(get(urlPathEqualTo(REALM_PATH + "/protocol/openid-connect/auth"))
                .willReturn(dynamic("auth")));
        wireMock.stubFor(post(urlPathEqualTo(REALM_PATH + "/login")).willReturn(dynamic("login")));
        wireMock.stubFor(post(urlPathEqualTo(REALM_PATH + "/protocol/openid-connect/token"))
                .willReturn(dynamic("token")));
        wireMock.stubFor(any(urlPathEqualTo(REALM_PATH + "/protocol/openid-connect/userinfo"))
                .willReturn(dynamic("userinfo")));
        wireMock.stubFor(any(urlPathEqualTo(REALM_PATH + "/protocol/openid-connect/logout"))
                .willReturn(dynamic("logout")));
    }

    private static ResponseDefinitionBuilder dynamic(String endpoint) {
        return aResponse().withTransformers(TRANSFORMER).withTransformerParameter(ENDPOINT, endpoint);
    }

    private static ResponseDefinitionBuilder json(int status, Map<String, ?> body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "no-store")
                .withBody(JsonUtil.toJson(body));
    }

    private Map<String, Object> discovery() {
        String oidc = realmUrl + "/protocol/openid-connect";
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", realmUrl);
        document.put("authorization_endpoint", oidc + "/auth");
        document.put("token_endpoint", oidc + "/token");
        document.put("userinfo_endpoint", oidc + "/userinfo");
        document.put("end_session_endpoint", oidc + "/logout");
        document.put("jwks_uri", oidc + "/certs");
        document.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        document.put("response_types_supported", List.of("code"));
        document.put("response_modes_supported", List.of("query"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("scopes_supported", List.of("openid", "profile", "email"));
        document.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "azp",
                "sid", "preferred_username", "name", "given_name", "family_name", "email", "groups", "branch",
                "region"));
        document.put("frontchannel_logout_supported", false);
        document.put("backchannel_logout_supported", false);
        return document;
    }

    private Map<String, Object> jwks() {
        RsaJsonWebKey key = new RsaJsonWebKey(publicKey);
        key.setKeyId(KEY_ID);
        key.setUse("sig");
        key.setAlgorithm("RS256");
        return Map.of("keys", List.of(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    }

    // ---- the dynamic endpoints ----

    private final class Endpoints implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Request request = serveEvent.getRequest();
            String endpoint = serveEvent.getTransformerParameters().getString(ENDPOINT);
            Map<String, String> params = new LinkedHashMap<>(query(request.getUrl()));
            if (isForm(request)) {
                params.putAll(parseForm(request.getBodyAsString()));
            }
            try {
                return switch (endpoint) {
                    case "auth" -> authorize(params);
                    case "login" -> login(params);
                    case "token" -> token(request, params);
                    case "userinfo" -> userinfo(request);
                    case "logout" -> logout(params);
                    default -> throw new IllegalStateException("unknown endpoint " + endpoint);
                };
            } catch (RuntimeException e) {
                return html(500, "Identity provider error", "<p>" + escape(String.valueOf(e)) + "</p>");
            }
        }
    }

    /** GET /protocol/openid-connect/auth: the login page, or a 400 page for a bad request. */
    private ResponseDefinition authorize(Map<String, String> params) {
        String refusal = refusal(params);
        if (refusal != null) {
            return html(400, "Bad authorization request", "<p role=\"alert\">" + escape(refusal) + "</p>");
        }
        return loginPage(200, params, null, "");
    }

    /** Why an authorization request (or the login form that carries it) is refused, or null. */
    private static String refusal(Map<String, String> params) {
        if (!"code".equals(params.get("response_type"))) {
            return "response_type must be code";
        }
        if (!CLIENT_ID.equals(params.get("client_id"))) {
            return "unknown client_id";
        }
        if (!isAcceptableRedirect(params.get("redirect_uri"))) {
            return "missing or invalid redirect_uri";
        }
        if (!"S256".equals(params.get("code_challenge_method"))) {
            return "code_challenge_method must be S256 (PKCE is required)";
        }
        String challenge = params.get("code_challenge");
        if (challenge == null || !CODE_CHALLENGE.matcher(challenge).matches()) {
            return "missing or invalid code_challenge";
        }
        return null;
    }

    /**
     * An absolute http(s) URI on this machine without a fragment: the realm registers
     * http://localhost:8080/* and http://127.0.0.1:8080/*; tests run the service on a random
     * port, so any port is accepted.
     */
    private static boolean isAcceptableRedirect(String uri) {
        if (uri == null || uri.isBlank()) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            return parsed.isAbsolute()
                    && ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                    && ("localhost".equals(parsed.getHost()) || "127.0.0.1".equals(parsed.getHost()))
                    && parsed.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static final List<String> CARRIED = List.of("client_id", "response_type", "redirect_uri", "state",
            "code_challenge", "code_challenge_method", "nonce", "scope");

    private ResponseDefinition loginPage(int status, Map<String, String> params, String error, String username) {
        StringBuilder form = new StringBuilder();
        if (error != null) {
            form.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>\n");
        }
        form.append("<form method=\"post\" action=\"").append(escape(realmUrl + "/login")).append("\">\n");
        for (String name : CARRIED) {
            String value = params.get(name);
            if (value != null) {
                form.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(value)).append("\">\n");
            }
        }
        form.append("<p><label for=\"username\">Username</label>\n")
                .append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" required value=\"")
                .append(escape(username)).append("\"></p>\n")
                .append("<p><label for=\"password\">Password</label>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\n")
                .append("<p><button type=\"submit\">Sign in</button></p>\n")
                .append("</form>\n");
        return html(status, "Sign in to Citizen Requests (test)", form.toString());
    }

    /** POST /login: the login form. */
    private ResponseDefinition login(Map<String, String> params) {
        String refusal = refusal(params);
        if (refusal != null) {
            return html(400, "Bad authorization request", "<p role=\"alert\">" + escape(refusal) + "</p>");
        }
        String username = params.getOrDefault("username", "").trim();
        User user = USERS.get(username);
        if (user == null || !PASSWORD.equals(params.get("password"))) {
            return loginPage(200, params, "Invalid username or password.", username);
        }
        Instant now = Instant.now();
        Session session = new Session(randomToken(), user, now);
        sessions.put(session.id, session);
        String redirectUri = params.get("redirect_uri");
        String code = randomToken();
        codes.put(code, new PendingCode(user, params.get("client_id"), redirectUri, params.get("code_challenge"),
                params.get("nonce"), params.getOrDefault("scope", "openid"), session.id, now, now.plus(CODE_LIFESPAN)));
        signIns.add(new SignIn(user.username(), user.subject(), session.id, redirectUri, now));
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                .append("code=").append(encode(code));
        if (params.get("state") != null) {
            location.append("&state=").append(encode(params.get("state")));
        }
        location.append("&session_state=").append(encode(session.id));
        return redirect(location.toString());
    }

    /** POST /protocol/openid-connect/token. */
    private ResponseDefinition token(Request request, Map<String, String> params) {
        String client = authenticatedClient(request, params);
        if (client == null) {
            return aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("WWW-Authenticate", "Basic realm=\"test\"")
                    .withBody(JsonUtil.toJson(Map.of("error", "invalid_client",
                            "error_description", "client authentication failed")))
                    .build();
        }
        String grantType = params.get("grant_type");
        if (grantType == null) {
            return oauthError("invalid_request", "grant_type is missing");
        }
        return switch (grantType) {
            case "authorization_code" -> exchangeCode(client, params);
            case "refresh_token" -> refresh(client, params);
            default -> oauthError("unsupported_grant_type", grantType);
        };
    }

    /** client_secret_basic or client_secret_post (not both); the client id, or null. */
    private static String authenticatedClient(Request request, Map<String, String> params) {
        String authorization = request.getHeader("Authorization");
        String formSecret = params.get("client_secret");
        String id;
        String secret;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (formSecret != null) {
                return null;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (params.get("client_id") != null && !params.get("client_id").equals(id)) {
                return null;
            }
        } else {
            id = params.get("client_id");
            secret = formSecret;
        }
        return CLIENT_ID.equals(id) && CLIENT_SECRET.equals(secret) ? CLIENT_ID : null;
    }

    private ResponseDefinition exchangeCode(String client, Map<String, String> params) {
        String code = params.get("code");
        // Single use: any attempt consumes the code, as Keycloak does.
        PendingCode pending = code == null ? null : codes.remove(code);
        if (pending == null) {
            return oauthError("invalid_grant", "unknown, used or missing code");
        }
        if (Instant.now().isAfter(pending.expiresAt())) {
            return oauthError("invalid_grant", "code expired");
        }
        if (!pending.clientId().equals(client)) {
            return oauthError("invalid_grant", "code was issued to another client");
        }
        if (!pending.redirectUri().equals(params.get("redirect_uri"))) {
            return oauthError("invalid_grant", "redirect_uri differs from the authorization request");
        }
        String verifier = params.get("code_verifier");
        if (verifier == null || !CODE_VERIFIER.matcher(verifier).matches()
                || !s256(verifier).equals(pending.codeChallenge())) {
            return oauthError("invalid_grant", "PKCE verification failed");
        }
        Session session = sessions.get(pending.sessionId());
        if (session == null || session.ended) {
            return oauthError("invalid_grant", "session ended");
        }
        return tokens(session, pending.scope(), pending.nonce());
    }

    private ResponseDefinition refresh(String client, Map<String, String> params) {
        String token = params.get("refresh_token");
        Grant grant = token == null ? null : refreshTokens.get(token);
        if (grant == null || Instant.now().isAfter(grant.expiresAt())) {
            return oauthError("invalid_grant", "unknown or expired refresh token");
        }
        Session session = sessions.get(grant.sessionId());
        if (session == null || session.ended) {
            refreshTokens.remove(token);
            return oauthError("invalid_grant", "session ended");
        }
        // As Keycloak by default: a new refresh token, the old one stays valid; no nonce on refresh.
        return tokens(session, grant.scope(), null);
    }

    private ResponseDefinition tokens(Session session, String scope, String nonce) {
        User user = session.user;
        Instant now = Instant.now();
        Instant expires = now.plus(tokenLifespan);

        Map<String, Object> idClaims = userClaims(user);
        idClaims.put("iss", realmUrl);
        idClaims.put("aud", CLIENT_ID);
        idClaims.put("azp", CLIENT_ID);
        idClaims.put("iat", now.getEpochSecond());
        idClaims.put("exp", expires.getEpochSecond());
        idClaims.put("auth_time", session.authTime.getEpochSecond());
        idClaims.put("sid", session.id);
        idClaims.put("jti", UUID.randomUUID().toString());
        if (nonce != null) {
            idClaims.put("nonce", nonce);
        }
        String idToken = sign(idClaims);

        Map<String, Object> accessClaims = userClaims(user);
        accessClaims.put("iss", realmUrl);
        accessClaims.put("aud", ACCESS_TOKEN_AUDIENCE);
        accessClaims.put("azp", CLIENT_ID);
        accessClaims.put("iat", now.getEpochSecond());
        accessClaims.put("exp", expires.getEpochSecond());
        accessClaims.put("auth_time", session.authTime.getEpochSecond());
        accessClaims.put("sid", session.id);
        accessClaims.put("scope", scope);
        accessClaims.put("jti", UUID.randomUUID().toString());
        String accessToken = sign(accessClaims);
        accessTokens.put(accessToken, new Grant(user, session.id, session.authTime, scope, expires));

        String refreshToken = randomToken();
        refreshTokens.put(refreshToken, new Grant(user, session.id, session.authTime, scope,
                now.plus(REFRESH_LIFESPAN)));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("expires_in", tokenLifespan.toSeconds());
        body.put("refresh_expires_in", REFRESH_LIFESPAN.toSeconds());
        body.put("refresh_token", refreshToken);
        body.put("token_type", "Bearer");
        body.put("id_token", idToken);
        body.put("session_state", session.id);
        body.put("scope", scope);
        return json(200, body).build();
    }

    private static Map<String, Object> userClaims(User user) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.subject());
        claims.put("preferred_username", user.username());
        claims.put("name", user.name());
        claims.put("given_name", user.givenName());
        claims.put("family_name", user.familyName());
        claims.put("email", user.email());
        claims.put("email_verified", true);
        claims.put("groups", List.of(user.role()));
        if (user.branch() != null) {
            claims.put("branch", user.branch());
        }
        if (user.region() != null) {
            claims.put("region", user.region());
        }
        return claims;
    }

    private static String sign(Map<String, Object> claims) {
        return Jwt.claims(claims).jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.RS256)
                .sign(PRIVATE_KEY);
    }

    /** GET or POST /protocol/openid-connect/userinfo with the bearer access token. */
    private ResponseDefinition userinfo(Request request) {
        String authorization = request.getHeader("Authorization");
        Grant grant = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            grant = accessTokens.get(authorization.substring(7).trim());
        }
        Session session = grant == null ? null : sessions.get(grant.sessionId());
        if (grant == null || Instant.now().isAfter(grant.expiresAt()) || session == null || session.ended) {
            return aResponse().withStatus(401)
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .withHeader("Content-Type", "application/json")
                    .withBody(JsonUtil.toJson(Map.of("error", "invalid_token")))
                    .build();
        }
        return json(200, userClaims(grant.user())).build();
    }

    /** GET or POST /protocol/openid-connect/logout: RP-initiated logout. */
    private ResponseDefinition logout(Map<String, String> params) {
        String hint = params.get("id_token_hint");
        String postLogoutRedirect = params.get("post_logout_redirect_uri");
        if (hint == null) {
            return html(400, "Bad logout request", "<p role=\"alert\">id_token_hint is required</p>");
        }
        JwtClaims claims;
        try {
            claims = idTokenHintConsumer().processToClaims(hint);
        } catch (InvalidJwtException e) {
            return html(400, "Bad logout request", "<p role=\"alert\">invalid id_token_hint</p>");
        }
        String sessionId = claims.getClaimValueAsString("sid");
        if (!realmUrl.equals(claims.getClaimValueAsString("iss")) || sessionId == null) {
            return html(400, "Bad logout request", "<p role=\"alert\">invalid id_token_hint</p>");
        }
        String clientId = params.get("client_id");
        if (clientId != null && !CLIENT_ID.equals(clientId)) {
            return html(400, "Bad logout request", "<p role=\"alert\">unknown client_id</p>");
        }
        if (postLogoutRedirect != null && !isAcceptableRedirect(postLogoutRedirect)) {
            return html(400, "Bad logout request", "<p role=\"alert\">invalid post_logout_redirect_uri</p>");
        }
        Session session = sessions.get(sessionId);
        if (session != null) {
            synchronized (session) {
                if (!session.ended) {
                    session.ended = true;
                    refreshTokens.values().removeIf(grant -> grant.sessionId().equals(sessionId));
                    accessTokens.values().removeIf(grant -> grant.sessionId().equals(sessionId));
                    endedSessions.add(new EndedSession(session.user.username(), session.user.subject(), sessionId,
                            postLogoutRedirect, Instant.now()));
                }
            }
        }
        if (postLogoutRedirect == null) {
            return html(200, "Signed out", "<p>You are signed out.</p>");
        }
        String location = postLogoutRedirect;
        if (params.get("state") != null) {
            location += (location.contains("?") ? "&" : "?") + "state=" + encode(params.get("state"));
        }
        return redirect(location);
    }

    /** Checks an id_token_hint's signature; an expired one is still a valid hint. */
    private JwtConsumer idTokenHintConsumer() {
        return new JwtConsumerBuilder()
                .setVerificationKey(publicKey)
                .setSkipAllDefaultValidators()
                .build();
    }

    // ---- helpers ----

    private static ResponseDefinition html(int status, String title, String body) {
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "text/html;charset=UTF-8")
                .withHeader("Cache-Control", "no-store")
                .withBody(page)
                .build();
    }

    private static ResponseDefinition redirect(String location) {
        return aResponse().withStatus(302).withHeader("Location", location).withHeader("Cache-Control", "no-store")
                .build();
    }

    private static ResponseDefinition oauthError(String error, String description) {
        return json(400, Map.of("error", error, "error_description", description)).build();
    }

    private static boolean isForm(Request request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    private static Map<String, String> query(String url) {
        int question = url.indexOf('?');
        return question < 0 ? Map.of() : parseForm(url.substring(question + 1));
    }

    /** The first value of each parameter of an application/x-www-form-urlencoded string. */
    static Map<String, String> parseForm(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), without padding (RFC 7636 S256). */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String derivedId(String username) {
        return UUID.nameUUIDFromBytes(("citizen-requests:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Map<String, User> users(User... users) {
        Map<String, User> byName = new LinkedHashMap<>();
        for (User user : users) {
            byName.put(user.username(), user);
        }
        return byName;
    }

    /** Reads a PEM "PUBLIC KEY" (X.509 SubjectPublicKeyInfo) from the class path. */
    static RSAPublicKey readPublicKey(String location) {
        try (InputStream in = IdentityProvider.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException(location + " is not on the class path");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + location, e);
        }
    }
}
