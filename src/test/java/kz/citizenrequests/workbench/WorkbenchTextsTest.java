package kz.citizenrequests.workbench;

import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.pages.Texts;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench's words: the same keys in Kazakh, Russian and English, none left in English. */
class WorkbenchTextsTest {

    @Test
    void everyLanguageHasEveryKeyAndNoEmptyWord() {
        Map<String, String> english = Texts.readWords("workbench", Language.EN);
        for (Language language : Language.values()) {
            Map<String, String> words = Texts.readWords("workbench", language);
            assertEquals(new TreeSet<>(english.keySet()), new TreeSet<>(words.keySet()), language + " keys");
            words.forEach((key, word) -> assertFalse(word.isBlank(), language + " " + key + " is empty"));
        }
    }

    @Test
    void noKazakhOrRussianWordIsLeftInEnglish() {
        Map<String, String> english = Texts.readWords("workbench", Language.EN);
        Set<String> same = Set.of();
        for (Language language : new Language[]{Language.KK, Language.RU}) {
            Map<String, String> words = Texts.readWords("workbench", language);
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
    void everyStaffActAndEveryHistoryActHasItsWords() {
        Map<String, String> english = Texts.readWords("workbench", Language.EN);
        for (kz.citizenrequests.casework.Action action : kz.citizenrequests.casework.Action.values()) {
            assertTrue(english.containsKey("history_" + action.wire()), "history_" + action.wire());
            for (kz.citizenrequests.shared.Role role : Set.of(kz.citizenrequests.shared.Role.OPERATOR,
                    kz.citizenrequests.shared.Role.BRANCH_HEAD)) {
                if (action.mayBePerformedBy(role)) {
                    assertTrue(english.containsKey("act_" + action.wire()), "act_" + action.wire());
                }
            }
        }
    }
}
