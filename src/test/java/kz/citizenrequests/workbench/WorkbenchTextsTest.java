package kz.citizenrequests.workbench;

import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.pages.Texts;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench's words name every staff act and every act of the history. (That every key is in
 * every language and none is left in English is checked for all pages' bundles by PortalTextsTest.)
 */
class WorkbenchTextsTest {

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
