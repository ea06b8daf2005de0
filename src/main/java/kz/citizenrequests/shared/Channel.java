package kz.citizenrequests.shared;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the request reached the service. */
public enum Channel implements WireValue {
    WEB("web"),
    MOBILE("mobile"),
    PHONE("phone"),
    VISIT("visit"),
    OPEN311("open311");

    private final String wire;

    Channel(String wire) {
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

    public static final class Converter extends WireValue.Converter<Channel> {
        public Converter() {
            super(Channel.class);
        }
    }
}
