package kz.citizenrequests.shared;

import com.fasterxml.jackson.annotation.JsonValue;

/** Kind of appeal under APPC Art. 4 and 76; kept on every request. */
public enum RequestType implements WireValue {
    APPLICATION("application"),
    COMPLAINT("complaint"),
    PROPOSAL("proposal"),
    INQUIRY("inquiry"),
    RESPONSE("response"),
    REPORT("report");

    private final String wire;

    RequestType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    public static final class Converter extends WireValue.Converter<RequestType> {
        public Converter() {
            super(RequestType.class);
        }
    }
}
