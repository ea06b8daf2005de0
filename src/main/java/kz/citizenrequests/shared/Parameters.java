package kz.citizenrequests.shared;

/** Query and path parameters read as text, so that a bad one is a 400 naming it rather than JAX-RS' 404. */
public final class Parameters {

    private Parameters() {
    }

    public static int wholeNumber(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw new InvalidInputException(name, "must be a whole number from " + min + " to " + max);
    }
}
