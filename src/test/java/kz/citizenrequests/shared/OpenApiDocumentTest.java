package kz.citizenrequests.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("openapi", "openapi.json");

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode live() throws IOException {
        return json.readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void theCommittedDocumentIsWhatTheCodeProduces() throws IOException {
        JsonNode committed = json.readTree(Files.readString(COMMITTED));
        assertTrue(committed.equals(live()), "openapi/openapi.json is out of date. Regenerate it with: "
                + "./mvnw package -DskipTests -Dquarkus.smallrye-openapi.store-schema-directory=openapi");
    }

    @Test
    void everyOperationHasASummaryAndEveryResponseASchemaAndErrorsAreProblems() throws IOException {
        List<String> faults = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = live().get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                if (!op.getValue().hasNonNull("summary")) {
                    faults.add(where + ": no summary");
                }
                for (Iterator<Map.Entry<String, JsonNode>> responses = op.getValue().get("responses").fields(); responses.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = responses.next();
                    JsonNode content = response.getValue().get("content");
                    if (response.getKey().equals("204") && (content == null || content.isEmpty())) {
                        continue; // No Content: nothing to describe (RFC 9110, 15.3.5)
                    }
                    if (content == null || content.isEmpty()) {
                        faults.add(where + " " + response.getKey() + ": no content");
                        continue;
                    }
                    content.fields().forEachRemaining(media -> {
                        if (!media.getValue().has("schema")) {
                            faults.add(where + " " + response.getKey() + " " + media.getKey() + ": no schema");
                        }
                    });
                    boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
                    // Open311 answers errors in that spec's own format, not problem+json.
                    boolean open311 = path.getKey().startsWith("/open311/");
                    if (error && !open311 && !content.has("application/problem+json")) {
                        faults.add(where + " " + response.getKey() + ": not application/problem+json");
                    }
                }
            }
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void theActionsAreAnEnum() throws IOException {
        JsonNode action = live().at("/components/schemas/Action/enum");
        List<String> values = new ArrayList<>();
        action.forEach(v -> values.add(v.asText()));
        assertEquals(List.of("register", "start_work", "assign", "forward", "extend_deadline", "resolve", "reopen",
                "close", "withdraw", "feedback", "complaint", "follow_up", "escalate", "reschedule", "comment"), values);
    }
}
