package kz.citizenrequests.portal;

import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The portal's forms as a browser sends them (UTF-8, url-encoded), and its pages parsed. */
final class PortalForms {

    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    private PortalForms() {
    }

    /** A valid submission form, with a fresh key, as the page would send it filled in. */
    static Map<String, String> submission() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("key", UUID.randomUUID().toString());
        form.put("type", "complaint");
        form.put("category", "housing_utilities");
        form.put("region", "KZ-71");
        form.put("district", "");
        form.put("subject", "Подъезд не убирают третий месяц");
        form.put("description", "В доме 5 по улице Абая подъезд не убирают с сентября. Прошу принять меры.");
        form.put("address", "ул. Абая 5, Астана");
        form.put("citizen.fullName", "Дана Серікқызы");
        form.put("citizen.phone", "+7 705 111 2233");
        form.put("citizen.email", "");
        form.put("citizen.iin", "");
        form.put("language", "ru");
        form.put("website", "");
        return form;
    }

    static Map<String, String> with(Map<String, String> form, String field, String value) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.put(field, value);
        return copy;
    }

    static Response post(String path, Map<String, String> form, String lang) {
        return given().redirects().follow(false).contentType(FORM).cookie("lang", lang).formParams(form).post(path);
    }

    static Document html(Response response) {
        return Jsoup.parse(response.asString());
    }
}
