package kz.citizenrequests.open311;

import kz.citizenrequests.shared.Text;
import org.jboss.resteasy.reactive.RestForm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The form of {@code POST requests}, form-encoded or multipart alike: the spec's parameters
 * and the attributes of our service definition. device_id and account_id are accepted and not
 * kept; media_url (once or repeated) is kept for staff.
 */
public class Open311Submission {

    @RestForm("api_key") String apiKey;
    @RestForm("jurisdiction_id") String jurisdictionId;
    @RestForm("service_code") String serviceCode;
    @RestForm("lat") String lat;
    @RestForm("long") String lon;
    @RestForm("address_string") String addressString;
    @RestForm("address_id") String addressId;
    @RestForm("email") String email;
    @RestForm("device_id") String deviceId;
    @RestForm("account_id") String accountId;
    @RestForm("first_name") String firstName;
    @RestForm("last_name") String lastName;
    @RestForm("phone") String phone;
    @RestForm("description") String description;
    @RestForm("media_url") List<String> mediaUrls;
    @RestForm("locale") String locale;
    @RestForm("attribute[area]") String area;
    @RestForm("attribute[region]") String region;
    @RestForm("attribute[district]") String district;
    @RestForm("attribute[type]") String type;
    @RestForm("attribute[publication_consent]") String publicationConsent;

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
        List<String> urls = mediaUrls();
        for (int i = 0; i < urls.size(); i++) {
            all.put(urls.size() == 1 ? "media_url" : "media_url[" + i + "]", urls.get(i));
        }
        all.put("locale", locale);
        all.put("attribute[area]", area);
        all.put("attribute[region]", region);
        all.put("attribute[district]", district);
        all.put("attribute[type]", type);
        all.put("attribute[publication_consent]", publicationConsent);
        return all;
    }

    List<String> mediaUrls() {
        return mediaUrls == null ? List.of() : mediaUrls;
    }

    /** Line ends as one {@code \n}: form encoding sends CR LF, which XML would answer as {@code &#xd;}. */
    void normaliseLineEnds() {
        addressString = Text.lineEnds(addressString);
        firstName = Text.lineEnds(firstName);
        lastName = Text.lineEnds(lastName);
        description = Text.lineEnds(description);
        if (mediaUrls != null) {
            List<String> urls = new ArrayList<>();
            mediaUrls.forEach(u -> urls.add(Text.lineEnds(u)));
            mediaUrls = urls;
        }
    }
}
