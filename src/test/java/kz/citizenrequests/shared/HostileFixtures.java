package kz.citizenrequests.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import kz.citizenrequests.TestData;
import kz.citizenrequests.Tokens;
import kz.citizenrequests.shared.OpenApiOperations.Field;
import kz.citizenrequests.shared.OpenApiOperations.Operation;
import kz.citizenrequests.shared.OpenApiOperations.Parameter;
import kz.citizenrequests.shared.OpenApiOperations.Shape;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.restassured.RestAssured.given;

/**
 * The valid request of every operation, and what it needs: requests to read and to act
 * on, an Open311 api key, a category of its own, tokens of each role. Requests that an
 * accepted act moved out of reach (forwarded, resolved) are replaced. After the run,
 * {@link #restore} puts back the reference data that accepted cases changed and
 * withdraws publication consent from the requests they stored, so that the tests
 * after this one meet the catalogue and the public lists they expect.
 */
final class HostileFixtures {

    static final String CATEGORY = "hostile_input";
    static final String CITIZEN = "citizen-hostile-input";
    private static final String TRANSITIONS = "POST /api/v1/requests/{trackingNumber}/transitions";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ZoneId KAZAKHSTAN = ZoneId.of("Asia/Almaty");

    private final DataSource dataSource;
    private final Map<String, String> tokens = new HashMap<>();
    private Instant mintedAt = Instant.EPOCH;
    private String branch;
    private String readRequest;
    private String openRequest;
    private String workedRequest;
    private String apiKey;
    private Snapshot before;

    /** Reference data as it was before the run, and the last request stored before it. */
    private record Snapshot(Map<String, Map<String, Object>> categories, Map<String, Map<String, Object>> branches,
                            Map<Object, Map<String, Object>> routingRules, Map<String, String[]> calendar, long lastRequest) {
    }

    private HostileFixtures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static HostileFixtures prepare(DataSource dataSource) {
        HostileFixtures fixtures = new HostileFixtures(dataSource);
        fixtures.before = fixtures.snapshot();
        Map<String, Object> names = Map.of("kk", "Сынақ", "ru", "Проверка", "en", "Hostile input check");
        admin().body(Map.of("names", names, "descriptions", names, "sortOrder", 99, "active", true))
                .put("/api/v1/admin/categories/{code}", CATEGORY).then().statusCode(200);
        fixtures.readRequest = TestData.submit(consented()).path("trackingNumber");
        fixtures.branch = TestData.branchOf(fixtures.readRequest);
        given().auth().oauth2(Tokens.citizen(CITIZEN)).contentType(ContentType.JSON).body(consented())
                .post("/api/v1/requests").then().statusCode(201);
        fixtures.openRequest = fixtures.newRequest(false);
        fixtures.workedRequest = fixtures.newRequest(true);
        fixtures.apiKey = issueKey();
        fixtures.integratorRequest();
        return fixtures;
    }

    /** Puts back what accepted cases changed in the catalogue, and takes the stored requests out of the public lists. */
    void restore() {
        execute("UPDATE requests SET publication_consent = false WHERE id > ?", before.lastRequest());
        Map<String, Object> clean = Map.of("kk", "Сынақ", "ru", "Проверка", "en", "Hostile input check");
        Snapshot now = snapshot();
        now.categories().forEach((code, category) -> {
            Map<String, Object> was = before.categories().get(code);
            if (!category.equals(was)) {
                admin().body(was != null ? without(was, "code")
                                : map("names", clean, "descriptions", clean, "sortOrder", category.get("sortOrder"), "active", false))
                        .put("/api/v1/admin/categories/{code}", code).then().statusCode(200);
            }
        });
        now.branches().forEach((code, branch) -> {
            Map<String, Object> was = before.branches().get(code);
            if (!branch.equals(was)) {
                Map<String, Object> body = was != null ? without(was, "code")
                        : map("kind", branch.get("kind"), "region", branch.get("region"), "district", branch.get("district"),
                        "names", clean, "active", false);
                body.values().removeIf(Objects::isNull);
                admin().body(body).put("/api/v1/admin/branches/{code}", code).then().statusCode(200);
            }
        });
        now.routingRules().keySet().stream().filter(id -> !before.routingRules().containsKey(id))
                .forEach(id -> admin().delete("/api/v1/admin/routing-rules/{id}", id).then().statusCode(204));
        before.routingRules().forEach((id, rule) -> {
            if (!now.routingRules().containsKey(id)) {
                Map<String, Object> body = without(rule, "id");
                body.values().removeIf(Objects::isNull);
                admin().body(body).post("/api/v1/admin/routing-rules").then().statusCode(201);
            }
        });
        now.calendar().keySet().stream().filter(day -> !before.calendar().containsKey(day))
                .forEach(day -> admin().delete("/api/v1/admin/calendar/days/{day}", day).then().statusCode(204));
        before.calendar().forEach((day, was) -> {
            String[] is = now.calendar().get(day);
            if (is == null || !Arrays.equals(is, was)) {
                admin().body(map("working", Boolean.parseBoolean(was[0]), "note", was[1]))
                        .put("/api/v1/admin/calendar/days/{day}", day).then().statusCode(200);
            }
        });
    }

    private Snapshot snapshot() {
        Map<String, Map<String, Object>> categories = new HashMap<>();
        admin().get("/api/v1/admin/categories").then().statusCode(200).extract().<List<Map<String, Object>>>path("$")
                .forEach(c -> categories.put((String) c.get("code"), c));
        Map<String, Map<String, Object>> branches = new HashMap<>();
        admin().get("/api/v1/admin/branches").then().statusCode(200).extract().<List<Map<String, Object>>>path("$")
                .forEach(b -> branches.put((String) b.get("code"), b));
        Map<Object, Map<String, Object>> rules = new HashMap<>();
        admin().get("/api/v1/admin/routing-rules").then().statusCode(200).extract().<List<Map<String, Object>>>path("$")
                .forEach(r -> rules.put(r.get("id"), r));
        Map<String, String[]> calendar = new HashMap<>();
        long lastRequest = 0;
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT day, working, note FROM calendar_days")) {
                while (rows.next()) {
                    calendar.put(rows.getObject(1, LocalDate.class).toString(),
                            new String[]{Boolean.toString(rows.getBoolean(2)), rows.getString(3)});
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT coalesce(max(id), 0) FROM requests")) {
                row.next();
                lastRequest = row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Snapshot(categories, branches, rules, calendar, lastRequest);
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }

    private static Map<String, Object> without(Map<String, Object> view, String key) {
        Map<String, Object> copy = new LinkedHashMap<>(view);
        copy.remove(key);
        return copy;
    }

    private void execute(String sql, long parameter) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, parameter);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the valid request sends a parameter; Open311's service_request_id filter would override the others. */
    boolean sends(Operation operation, Parameter parameter) {
        return switch (parameter.in()) {
            case "path" -> true;
            case "query" -> !parameter.name().equals("service_request_id");
            default -> parameter.required();
        };
    }

    /** The valid request of an operation, shaped for the field a case attacks. */
    HostileDraft baseline(Operation operation, String target, boolean xml, boolean minimal, int number) {
        HostileDraft draft = new HostileDraft(operation.method(), operation.path());
        String actOn = !operation.name().equals(TRANSITIONS) ? null
                : Set.of("body outcome", "body answer").contains(target) ? workedRequest : openRequest;
        for (Parameter parameter : operation.parameters()) {
            boolean optional = parameter.in().equals("query") && !parameter.required();
            String value = sends(operation, parameter) && !(minimal && optional) ? valid(operation, parameter, xml, actOn) : null;
            if (value == null) {
                continue;
            }
            switch (parameter.in()) {
                case "path" -> draft.path.put(parameter.name(), HostileDraft.percentEncode(value));
                case "query" -> draft.query(parameter.name(), HostileDraft.percentEncode(value));
                default -> draft.header(parameter.name(), value);
            }
        }
        String token = token(operation);
        if (token != null) {
            draft.header("Authorization", "Bearer " + token);
        }
        draft.header("Accept", operation.underOpen311() && xml ? "text/xml" : "application/json");
        if (operation.body() != null) {
            if (operation.body().json()) {
                draft.json = jsonBody(operation, target);
                draft.header("Content-Type", "application/json");
            } else {
                draft.form = operation.path().contains("servicerequestupdates") ? updateForm(number) : form(number);
                draft.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
            }
        }
        return draft;
    }

    /** After an accepted case: puts back what it used up (a request resolved or moved on, a revoked api key). */
    void afterAccepted(Operation operation) {
        if (operation.name().equals(TRANSITIONS)) {
            String[] open = state(openRequest);
            if (!Set.of("SUBMITTED", "REGISTERED", "IN_PROGRESS").contains(open[0]) || !branch.equals(open[1])) {
                openRequest = newRequest(false);
            }
            String[] worked = state(workedRequest);
            if (!branch.equals(worked[1]) || !Set.of("SUBMITTED", "REGISTERED", "IN_PROGRESS", "RESOLVED").contains(worked[0])) {
                workedRequest = newRequest(true);
            } else {
                switch (worked[0]) {
                    case "RESOLVED" -> act(workedRequest, "reopen");
                    case "SUBMITTED" -> {
                        act(workedRequest, "register");
                        act(workedRequest, "start_work");
                    }
                    case "REGISTERED" -> act(workedRequest, "start_work");
                    default -> {
                    }
                }
            }
        }
        if (operation.name().equals("DELETE /api/v1/admin/open311-keys/{id}")) {
            apiKey = issueKey();
            integratorRequest();
        }
    }

    private void act(String trackingNumber, String action) {
        given().auth().oauth2(Tokens.head(branch)).contentType(ContentType.JSON)
                .header("If-Match", "\"" + version(trackingNumber) + "\"").body(Map.of("action", action))
                .post("/api/v1/requests/{tn}/transitions", trackingNumber).then().statusCode(200);
    }

    private String valid(Operation operation, Parameter parameter, boolean xml, String actOn) {
        boolean open311 = operation.underOpen311();
        LocalDate today = LocalDate.now(KAZAKHSTAN);
        return switch (parameter.name()) {
            case "trackingNumber" -> actOn != null ? actOn : readRequest;
            case "service_request_id" -> readRequest;
            // only an act names a request; a template's PUT goes to an id that does not exist (404)
            case "If-Match" -> actOn == null ? "\"0\"" : "\"" + version(actOn) + "\"";
            case "code" -> operation.path().contains("/branches/") ? "HI-D03" : CATEGORY;
            case "day" -> "2099-06-01";
            case "year" -> "2026";
            case "id" -> "999999999";
            case "actor" -> "head-" + branch;
            case "page" -> open311 ? "1" : "0";
            case "size" -> "20";
            case "page_size" -> "50";
            case "branch" -> branch;
            case "region" -> "KZ-71";
            case "category", "service_code" -> "housing_utilities";
            case "type" -> "application";
            case "channel" -> "web";
            case "status" -> open311 ? "open" : "SUBMITTED";
            case "overdue" -> "false";
            case "from", "receivedFrom" -> today.minusDays(29).toString();
            case "to", "receivedTo" -> today.toString();
            case "q" -> "water";
            case "sort" -> "received_desc";
            case "by" -> "region";
            case "interval" -> "day";
            case "format" -> xml ? "xml" : "json";
            case "start_date" -> OffsetDateTime.now(ZoneOffset.ofHours(5)).minusDays(7).truncatedTo(ChronoUnit.SECONDS).toString();
            case "end_date" -> OffsetDateTime.now(ZoneOffset.ofHours(5)).plusHours(1).truncatedTo(ChronoUnit.SECONDS).toString();
            case "locale" -> "ru";
            case "token" -> "no-such-token";
            default -> parameter.required() ? example(parameter.shape()) : null;
        };
    }

    private String token(Operation operation) {
        if (Duration.between(mintedAt, Instant.now()).toMinutes() >= 5) {
            tokens.clear();
            mintedAt = Instant.now();
        }
        Set<String> roles = operation.roles();
        String role = roles.contains("admin") ? "admin" : roles.contains("leadership") ? "leadership"
                : roles.contains("citizen") ? "citizen"
                : roles.contains("branch_head") || roles.contains("operator") || operation.path().startsWith("/api/v1/requests/{")
                ? "branch_head" : null;
        if (role == null) {
            return null;
        }
        return tokens.computeIfAbsent(role, r -> switch (r) {
            case "admin" -> Tokens.admin();
            case "leadership" -> Tokens.leadership(null);
            case "citizen" -> Tokens.citizen(CITIZEN);
            default -> Tokens.head(branch);
        });
    }

    private ObjectNode jsonBody(Operation operation, String target) {
        Map<String, Object> names = Map.of("kk", "Сынақ филиалы", "ru", "Проверочный филиал", "en", "Check branch");
        Map<String, Object> body = switch (operation.name()) {
            case "POST /api/v1/requests" -> {
                Map<String, Object> submission = consented();
                submission.put("district", "KZ-71-01");
                submission.put("channel", "web");
                yield submission;
            }
            case TRANSITIONS -> transition(target);
            case "PUT /api/v1/admin/branches/{code}" -> map("kind", "district", "region", "KZ-71", "district", "KZ-71-03",
                    "names", names, "active", true);
            case "PUT /api/v1/admin/categories/{code}" -> map("names", names, "descriptions", names, "sortOrder", 99, "active", true);
            case "PUT /api/v1/admin/calendar/days/{day}" -> map("working", true, "note", "Hostile input check day");
            case "POST /api/v1/admin/open311-keys" -> map("client", "Hostile input check", "dailyQuota", 100000);
            case "POST /api/v1/admin/answer-templates", "PUT /api/v1/admin/answer-templates/{id}" -> map(
                    "category", "housing_utilities", "language", "ru", "title", "Hostile input check",
                    "body", "Обращение № {tracking_number} от {received_on}.", "active", false);
            case "POST /api/v1/admin/routing-rules" -> map("region", "KZ-71", "district", "KZ-71-03", "category", CATEGORY,
                    "branch", "AST-D03");
            default -> null;
        };
        return body == null ? synthesised(operation.body().fields()) : MAPPER.valueToTree(body);
    }

    /** The act whose rules read the attacked field; a comment otherwise. */
    private static Map<String, Object> transition(String target) {
        return switch (target) {
            case "body outcome", "body answer" -> map("action", "resolve", "outcome", "explained",
                    "answer", "Hot water was restored on Friday.");
            case "body targetBranch" -> map("action", "forward", "targetBranch", "AST-D01", "note", "The district handles it.");
            case "body newDueDate" -> map("action", "extend_deadline",
                    "newDueDate", LocalDate.now(KAZAKHSTAN).plusDays(30).toString(), "note", "An expert opinion is needed.");
            case "body assignee" -> map("action", "assign", "assignee", "operator-1", "note", "Please call the citizen.");
            default -> map("action", "comment", "note", "Checked by the hostile input test.");
        };
    }

    /** FixMyStreet's update of a request filed with the current key (the same update_id: stored once). */
    private List<String[]> updateForm(int number) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("api_key", apiKey);
        fields.put("jurisdiction_id", "citizenrequests.kz");
        fields.put("service_request_id", integratorRequest());
        fields.put("update_id", "hostile-1");
        fields.put("updated_datetime", OffsetDateTime.now(ZoneOffset.ofHours(5)).truncatedTo(ChronoUnit.SECONDS).toString());
        fields.put("status", "OPEN");
        fields.put("description", "Still no hot water, case " + number + ".");
        fields.put("first_name", "Aigerim");
        fields.put("last_name", "Sarsenova");
        fields.put("email", "aigerim@example.kz");
        List<String[]> form = new ArrayList<>();
        fields.forEach((name, value) -> form.add(new String[]{HostileDraft.percentEncode(name), HostileDraft.percentEncode(value)}));
        return form;
    }

    private String integratorRequest;
    private String integratorKey;

    /** An open request filed with the current api key, for the updates of that key. */
    private String integratorRequest() {
        String status = integratorRequest == null ? null : state(integratorRequest)[0];
        if (integratorRequest == null || !apiKey.equals(integratorKey) || !Set.of("SUBMITTED", "REGISTERED", "IN_PROGRESS").contains(status)) {
            integratorKey = apiKey;
            io.restassured.specification.RequestSpecification post = given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
            form(0).forEach(field -> post.formParam(HostileDraft.percentDecode(field[0]), HostileDraft.percentDecode(field[1])));
            integratorRequest = post.post("/open311/v2/requests.json").then().statusCode(200).extract().path("[0].service_request_id");
        }
        return integratorRequest;
    }

    private List<String[]> form(int number) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("api_key", apiKey);
        fields.put("jurisdiction_id", "citizenrequests.kz");
        fields.put("service_code", "housing_utilities");
        fields.put("lat", "51.128");
        fields.put("long", "71.430");
        fields.put("address_string", "Kabanbay Batyr 12, Astana");
        fields.put("address_id", "AST-12-3");
        fields.put("email", "aigerim@example.kz");
        fields.put("device_id", "device-1");
        fields.put("account_id", "account-1");
        fields.put("first_name", "Aigerim");
        fields.put("last_name", "Sarsenova");
        fields.put("phone", "+7 701 234 5678");
        fields.put("description", "No hot water in entrance 3 of house 12 since Monday, case " + number + ".");
        fields.put("media_url", "https://example.kz/photo.jpg");
        fields.put("locale", "ru");
        fields.put("attribute[region]", "KZ-71");
        fields.put("attribute[district]", "KZ-71-01");
        fields.put("attribute[type]", "application");
        fields.put("attribute[publication_consent]", "true");
        List<String[]> form = new ArrayList<>();
        fields.forEach((name, value) -> form.add(new String[]{HostileDraft.percentEncode(name), HostileDraft.percentEncode(value)}));
        return form;
    }

    /** A valid value from the schema alone, for operations added to the document after this test was written. */
    private static ObjectNode synthesised(List<Field> fields) {
        ObjectNode body = MAPPER.createObjectNode();
        for (Field field : fields) {
            ObjectNode parent = body;
            for (String name : field.path().subList(0, field.path().size() - 1)) {
                parent = parent.has(name) ? (ObjectNode) parent.get(name) : parent.putObject(name);
            }
            String name = field.path().get(field.path().size() - 1);
            Shape shape = field.shape();
            switch (shape.type()) {
                case "object" -> parent.putObject(name);
                case "boolean" -> parent.put(name, true);
                case "integer" -> parent.put(name, shape.minimum() != null ? shape.minimum().intValue() : 1);
                case "number" -> parent.put(name, shape.minimum() != null ? shape.minimum() : BigDecimal.ONE);
                default -> parent.put(name, example(shape));
            }
        }
        return body;
    }

    private static String example(Shape shape) {
        if (!shape.enumeration().isEmpty()) {
            return shape.enumeration().get(0);
        }
        return "date".equals(shape.format()) ? LocalDate.now(KAZAKHSTAN).toString() : "Hostile input check";
    }

    private static Map<String, Object> consented() {
        return TestData.with(TestData.submission(), "publicationConsent", true);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** A new request of the fixtures' branch: submitted, or registered and in progress. */
    private String newRequest(boolean inProgress) {
        String trackingNumber = TestData.submit(consented()).path("trackingNumber");
        if (inProgress) {
            TestData.perform(trackingNumber, Map.of("action", "register"));
            TestData.perform(trackingNumber, Map.of("action", "start_work"));
        }
        return trackingNumber;
    }

    static String issueKey() {
        return admin().body(Map.of("client", "Hostile input check"))
                .post("/api/v1/admin/open311-keys").then().statusCode(201).extract().path("apiKey");
    }

    private int version(String trackingNumber) {
        return Integer.parseInt(state(trackingNumber)[2]);
    }

    /** Status, branch and version of a request, read from the database. */
    private String[] state(String trackingNumber) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT status, branch_code, version FROM requests WHERE tracking_number = ?")) {
            statement.setString(1, trackingNumber);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no request " + trackingNumber);
                }
                return new String[]{row.getString(1), row.getString(2), row.getString(3)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
