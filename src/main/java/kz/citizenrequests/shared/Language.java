package kz.citizenrequests.shared;

import com.fasterxml.jackson.annotation.JsonValue;

/** Language of the request; the answer is given in it. */
public enum Language implements WireValue {
    KK("kk"),
    RU("ru"),
    EN("en");

    private final String wire;

    Language(String wire) {
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

    public static final class Converter extends WireValue.Converter<Language> {
        public Converter() {
            super(Language.class);
        }
    }
}
