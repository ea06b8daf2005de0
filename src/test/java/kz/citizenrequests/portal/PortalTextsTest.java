package kz.citizenrequests.portal;

import kz.citizenrequests.shared.pages.Texts;
import kz.citizenrequests.shared.pages.PageLanguage;

import kz.citizenrequests.shared.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages' words (portal and workbench): the same keys in all three languages, none left in English, waits in words. */
class PortalTextsTest {

    /** The pages' bundles: the citizen portal's and the staff workbench's. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"portal", "workbench"})
    void everyLanguageHasEveryKeyAndNoEmptyWord(String bundle) {
        Map<String, String> english = Texts.readWords(bundle, Language.EN);
        for (Language language : Language.values()) {
            Map<String, String> words = Texts.readWords(bundle, language);
            assertEquals(new TreeSet<>(english.keySet()), new TreeSet<>(words.keySet()), language + " keys");
            words.forEach((key, word) -> assertFalse(word.isBlank(), language + " " + key + " is empty"));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"portal", "workbench"})
    void noKazakhOrRussianWordIsLeftInEnglish(String bundle) {
        Map<String, String> english = Texts.readWords(bundle, Language.EN);
        // names and examples that are the same in every language
        Set<String> same = Set.of("lang_name", "hint_number", "hint_code");
        for (Language language : new Language[]{Language.KK, Language.RU}) {
            Map<String, String> words = Texts.readWords(bundle, language);
            Set<String> untranslated = new TreeSet<>();
            words.forEach((key, word) -> {
                if (!same.contains(key) && word.equals(english.get(key))) {
                    untranslated.add(key);
                }
            });
            assertTrue(untranslated.isEmpty(), language + " still in English: " + untranslated);
        }
    }

    @Test
    void aMissingKeyStopsThePageInsteadOfShowingAnotherLanguage() {
        Texts texts = new PortalTexts().in(Language.KK);
        assertThrows(IllegalStateException.class, () -> texts.get("no_such_key"));
    }

    @ParameterizedTest
    @CsvSource({
            "ru, 60, через 1 минуту",
            "ru, 150, через 3 минуты",
            "ru, 660, через 11 минут",
            "ru, 3600, через 1 час",
            "ru, 7201, через 3 часа",
            "ru, 18000, через 5 часов",
            "ru, 75600, через 21 час",
            "en, 30, in 1 minute",
            "en, 7200, in 2 hours",
            "kk, 7200, 2 сағаттан кейін"})
    void aWaitIsSaidInWordsWithTheRightPluralForm(String language, long seconds, String expected) {
        Texts texts = new PortalTexts().in(PageLanguage.known(language).orElseThrow());
        String sentence = texts.format("error_limit", texts.waitOf(seconds));
        assertTrue(sentence.contains(expected), sentence);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kk|ru-RU,ru;q=0.9|kk|kk",
            "|ru-RU,ru;q=0.9,en;q=0.5||ru",
            "|kk-KZ,ru;q=0.8||kk",
            "|de-DE,en-GB;q=0.7||en",
            "|de-DE,fr;q=0.7||ru",
            "|ru;q=0,en;q=0.5||en",
            "|;;;==bad||ru",
            "|en|ru|ru",
            "xx|en|kk|kk"})
    void theLanguageIsTheChosenThenTheRememberedThenTheBrowsers(String chosen, String accept, String cookie,
                                                                String expected) {
        assertEquals(expected, PageLanguage.choose(chosen, cookie, accept).wire());
    }
}
