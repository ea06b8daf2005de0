package kz.citizenrequests.open311;

import jakarta.ws.rs.FormParam;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form of {@code POST requests}: the spec's parameters and the attributes of our
 * service definition. device_id, account_id and media_url are accepted and not kept.
 */
public class Open311Submission {

    @FormParam("api_key") String apiKey;
    @FormParam("jurisdiction_id") String jurisdictionId;
    @FormParam("service_code") String serviceCode;
    @FormParam("lat") String lat;
    @FormParam("long") String lon;
    @FormParam("address_string") String addressString;
    @FormParam("address_id") String addressId;
    @FormParam("email") String email;
    @FormParam("device_id") String deviceId;
    @FormParam("account_id") String accountId;
    @FormParam("first_name") String firstName;
    @FormParam("last_name") String lastName;
    @FormParam("phone") String phone;
    @FormParam("description") String description;
    @FormParam("media_url") String mediaUrl;
    @FormParam("locale") String locale;
    @FormParam("attribute[region]") String region;
    @FormParam("attribute[district]") String district;
    @FormParam("attribute[type]") String type;
    @FormParam("attribute[publication_consent]") String publicationConsent;

    /** Every parameter by its wire name, for checks that apply to all of them. */
    Map<String, String> byName() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("api_key", apiKey);
        all.put("jurisdiction_id", jurisdictionId);
        all.put("service_code", serviceCode);
        all.put("lat", lat);
        all.put("long", lon);
        all.put("address_string", addressString);
        all.put("address_id", addressId);
        all.put("email", email);
        all.put("device_id", deviceId);
        all.put("account_id", accountId);
        all.put("first_name", firstName);
        all.put("last_name", lastName);
        all.put("phone", phone);
        all.put("description", description);
        all.put("media_url", mediaUrl);
        all.put("locale", locale);
        all.put("attribute[region]", region);
        all.put("attribute[district]", district);
        all.put("attribute[type]", type);
        all.put("attribute[publication_consent]", publicationConsent);
        return all;
    }
}
