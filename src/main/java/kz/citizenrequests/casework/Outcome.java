package kz.citizenrequests.casework;

import kz.citizenrequests.shared.WireValue;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a resolved request was decided. */
public enum Outcome implements WireValue {
    SATISFIED("satisfied"),
    PARTIALLY_SATISFIED("partially_satisfied"),
    EXPLAINED("explained"),
    REJECTED("rejected");

    private final String wire;

    Outcome(String wire) {
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

    public static final class Converter extends WireValue.Converter<Outcome> {
        public Converter() {
            super(Outcome.class);
        }
    }
}
