package kz.citizenrequests.open311;

import org.jboss.resteasy.reactive.RestForm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form of {@code POST servicerequestupdates} as FixMyStreet sends it. status, the names,
 * e-mail and phone of the commenter, updated_datetime and media_url are accepted and not kept:
 * the comment is the citizen's follow-up, and the integrator knows who wrote it.
 */
public class Open311Update {

    @RestForm("api_key") String apiKey;
    @RestForm("jurisdiction_id") String jurisdictionId;
    @RestForm("service_request_id") String serviceRequestId;
    @RestForm("update_id") String updateId;
    @RestForm("updated_datetime") String updatedDatetime;
    @RestForm("status") String status;
    @RestForm("description") String description;
    @RestForm("first_name") String firstName;
    @RestForm("last_name") String lastName;
    @RestForm("email") String email;
    @RestForm("phone") String phone;

    /** Every parameter by its wire name, for checks that apply to all of them. */
    Map<String, String> byName() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("api_key", apiKey);
        all.put("jurisdiction_id", jurisdictionId);
        all.put("service_request_id", serviceRequestId);
        all.put("update_id", updateId);
        all.put("updated_datetime", updatedDatetime);
        all.put("status", status);
        all.put("description", description);
        all.put("first_name", firstName);
        all.put("last_name", lastName);
        all.put("email", email);
        all.put("phone", phone);
        return all;
    }
}
