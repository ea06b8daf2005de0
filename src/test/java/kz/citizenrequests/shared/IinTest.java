package kz.citizenrequests.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IinTest {

    @ParameterizedTest
    @ValueSource(strings = {"900101300126", "851231400567", "020301500786", "750615301235", "880808300004"})
    void acceptsValidIins(String iin) {
        assertTrue(Iin.isValid(iin));
    }

    @Test
    void usesTheSecondWeightsWhenTheFirstGiveTen() {
        // weights 1..11 give 10 for 90010130081; weights 3..11,1,2 give 1
        assertTrue(Iin.isValid("900101300811"));
        assertFalse(Iin.isValid("900101300810"));
    }

    @Test
    void refusesANumberWhoseCheckDigitCannotExist() {
        // both weightings give 10: no digit makes it valid
        for (int last = 0; last <= 9; last++) {
            assertFalse(Iin.isValid("90010130080" + last));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"900101300127", "90010130012", "9001013001266", "90010130012a", "", "901301300126", "900132300128"})
    void refusesWrongCheckDigitLengthCharactersOrBirthDate(String iin) {
        assertFalse(Iin.isValid(iin));
    }

    @Test
    void refusesNull() {
        assertFalse(Iin.isValid(null));
    }

    @Test
    void masksAllButTheBirthDate() {
        assertEquals("9001********", Iin.mask("900101300126"));
    }
}
