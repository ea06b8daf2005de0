package kz.citizenrequests.workbench;

import kz.citizenrequests.shared.pages.Texts;

import java.util.List;
import java.util.Map;

/** What the workbench's templates show: words already in the page's language, dates in its local form. */
public final class WorkbenchViews {

    private WorkbenchViews() {
    }

    /** What every page has: its words, title, section, who is signed in, and the language links. */
    public record Page(Texts t, String title, String active, String who, boolean staff, boolean admin,
                       boolean leadership, String languagePrefix) {

        public Texts.Words w() {
            return t.words();
        }

        public List<LanguageLink> languages() {
            return List.of(new LanguageLink("kk", "Қазақша", t.lang().equals("kk")),
                    new LanguageLink("ru", "Русский", t.lang().equals("ru")),
                    new LanguageLink("en", "English", t.lang().equals("en")));
        }
    }

    public record LanguageLink(String code, String name, boolean current) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record Tally(String label, String count, String href, String cssClass) {
    }

    public record QueueRow(String trackingNumber, String subject, String status, String statusCode, String category,
                           String received, String due, String dueClass, String dueWord, String assignee, int version) {
    }

    public record QueuePage(String branch, List<Tally> tallies, List<Option> statuses, List<Option> categories,
                            List<Option> types, List<Option> sorts, String text, boolean overdue, boolean dueSoon,
                            List<QueueRow> rows, String pageLabel, String previous, String next,
                            List<Option> bulkActions, String notice) {
    }

    public record Fact(String label, String value, String id) {
    }

    public record HistoryRow(long id, String at, String actor, String action, String status, String note,
                             boolean visibleToCitizen) {
    }

    /**
     * One act the caller may perform, with what its form holds: the values typed (kept across a
     * refusal or a conflict) and the errors for its fields.
     */
    public record ActForm(String action, String title, Map<String, String> values, Map<String, String> errors,
                          boolean open) {

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }

        public boolean is(String name) {
            return action.equals(name);
        }
    }

    public record Draft(String id, String title, String text, boolean selected) {
    }

    public record CasePage(String trackingNumber, String subject, String status, String statusCode, String dueClass,
                           List<Fact> facts, List<Fact> citizen, String description, String address, String location,
                           String outcome, String answer, String citizenAnswer, List<HistoryRow> history,
                           List<ActForm> acts, int version, long seen, List<Option> branches, List<Option> outcomes,
                           List<Draft> drafts, String dueDate, String extensionLimit, String notice,
                           List<String> errors, List<HistoryRow> conflict, String lostText, List<String> media) {

        public boolean hasConflict() {
            return conflict != null && !conflict.isEmpty();
        }
    }

    public record BulkResult(String trackingNumber, String result, boolean done) {
    }
}
