package kz.citizenrequests.shared;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The individual identification number: 12 digits, the first six the birth date
 * (YYMMDD), the 7th the century and sex, the 12th a check digit over the first eleven:
 * weights 1..11 mod 11; if that gives 10, weights 3..11,1,2 mod 11; 10 again is invalid.
 */
public final class Iin {

    private static final int[] FIRST_WEIGHTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] SECOND_WEIGHTS = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};

    private Iin() {
    }

    public static boolean isValid(String iin) {
        if (iin == null || !iin.matches("[0-9]{12}")) {
            return false;
        }
        int[] digits = iin.chars().map(c -> c - '0').toArray();
        Integer check = checkDigit(digits);
        return check != null && check == digits[11] && hasBirthDate(digits);
    }

    /** The check digit of the first eleven digits, or null when none exists (the number cannot be valid). */
    static Integer checkDigit(int[] digits) {
        int sum = weighted(digits, FIRST_WEIGHTS) % 11;
        if (sum == 10) {
            sum = weighted(digits, SECOND_WEIGHTS) % 11;
            if (sum == 10) {
                return null;
            }
        }
        return sum;
    }

    private static int weighted(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += digits[i] * weights[i];
        }
        return sum;
    }

    /** The 7th digit gives the century (1-2: 1800s, 3-4: 1900s, 5-6: 2000s); 0 is used for foreign citizens. */
    private static boolean hasBirthDate(int[] digits) {
        int century = switch (digits[6]) {
            case 1, 2 -> 1800;
            case 3, 4, 0 -> 1900;
            case 5, 6 -> 2000;
            default -> -1;
        };
        if (century < 0) {
            return false;
        }
        try {
            LocalDate.of(century + digits[0] * 10 + digits[1], digits[2] * 10 + digits[3], digits[4] * 10 + digits[5]);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** Shows the first four digits only, for lists: {@code 9001********}. */
    public static String mask(String iin) {
        return iin == null || iin.length() != 12 ? iin : iin.substring(0, 4) + "********";
    }
}
