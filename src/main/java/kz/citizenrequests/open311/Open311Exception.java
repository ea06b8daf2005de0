package kz.citizenrequests.open311;

import kz.citizenrequests.open311.Open311Views.ErrorView;

import java.util.List;

/** An Open311 error: 400 bad input, 403 bad or missing api_key, 404 unknown resource or jurisdiction. */
public class Open311Exception extends RuntimeException {

    private final int status;
    private final List<String> descriptions;

    public Open311Exception(int status, String description) {
        this(status, List.of(description));
    }

    public Open311Exception(int status, List<String> descriptions) {
        super(String.join("; ", descriptions), null, false, false);
        this.status = status;
        this.descriptions = List.copyOf(descriptions);
    }

    static Open311Exception badRequest(String parameter, String why) {
        return new Open311Exception(400, parameter + ": " + why);
    }

    static Open311Exception notFound(String what) {
        return new Open311Exception(404, what);
    }

    public int status() {
        return status;
    }

    List<ErrorView> errors() {
        return descriptions.stream().map(d -> new ErrorView(status, d)).toList();
    }
}
