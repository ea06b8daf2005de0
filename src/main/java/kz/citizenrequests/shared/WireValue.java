package kz.citizenrequests.shared;

import jakarta.persistence.AttributeConverter;

/** An enum whose JSON and database value is a lower-case word rather than its constant name. */
public interface WireValue {

    String wire();

    /** Stores a {@link WireValue} enum as its wire value. */
    abstract class Converter<E extends Enum<E> & WireValue> implements AttributeConverter<E, String> {

        private final Class<E> type;

        protected Converter(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.wire();
        }

        @Override
        public E convertToEntityAttribute(String value) {
            if (value == null) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.wire().equals(value)) {
                    return constant;
                }
            }
            throw new IllegalStateException("Unknown " + type.getSimpleName() + " in database: " + value);
        }
    }
}
