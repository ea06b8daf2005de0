package kz.citizenrequests.portal;

import kz.citizenrequests.shared.pages.Texts;

import java.util.List;
import java.util.Map;

/** What the portal's templates show: words already in the page's language, dates in its local form. */
public final class PortalViews {

    private PortalViews() {
    }

    /**
     * What every page has: its words, its title, the navigation item it belongs to, and how the
     * language switch keeps what the page holds: plain links on pages that hold nothing, a form
     * that posts the number and code again on a request's pages, the form itself on the
     * submission form (so that nothing typed is lost).
     */
    public record Page(Texts t, String title, String active, LanguageSwitch languageSwitch) {

        public List<LanguageOption> languages() {
            return languageSwitch.options(t);
        }

        public Texts.Words w() {
            return t.words();
        }
    }

    public record LanguageSwitch(Mode mode, String action, List<Hidden> hidden) {

        public enum Mode { LINKS, FORM, MAIN_FORM }

        /** Links to {@code prefix} + {@code lang=..}: the prefix is a path ending in ? or in a query and &. */
        public static LanguageSwitch links(String prefix) {
            return new LanguageSwitch(Mode.LINKS, prefix, List.of());
        }

        public static LanguageSwitch form(String action, List<Hidden> hidden) {
            return new LanguageSwitch(Mode.FORM, action, hidden);
        }

        public static LanguageSwitch mainForm(String action) {
            return new LanguageSwitch(Mode.MAIN_FORM, action, List.of());
        }

        public boolean isLinks() {
            return mode == Mode.LINKS;
        }

        public boolean isForm() {
            return mode == Mode.FORM;
        }

        public boolean isMainForm() {
            return mode == Mode.MAIN_FORM;
        }

        public List<LanguageOption> options(Texts current) {
            return List.of(new LanguageOption("kk", "Қазақша", current.lang().equals("kk")),
                    new LanguageOption("ru", "Русский", current.lang().equals("ru")),
                    new LanguageOption("en", "English", current.lang().equals("en")));
        }
    }

    public record LanguageOption(String code, String name, boolean current) {
    }

    public record Hidden(String name, String value) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record DescribedOption(String value, String label, String description, boolean selected) {
    }

    public record DistrictGroup(String region, String regionName, List<Option> districts) {
    }

    /** The published headline figures of the year so far; no personal data. */
    public record Figures(String year, String received, String resolutionRate, String onTimeRate, String asOf) {
    }

    /** A field's problem, linked from the summary at the top of the form. */
    public record FieldProblem(String field, String id, String message) {
    }

    /**
     * The submission form as it was sent (or empty), with each field's problem. {@code values}
     * is keyed by the form's field names, which are the API's JSON paths (citizen.phone ...).
     */
    public record SubmitForm(String key, Map<String, String> values, Map<String, String> errors,
                      List<FieldProblem> problems, String general,
                      List<DescribedOption> types, List<DescribedOption> categories, List<Option> regions,
                      List<DistrictGroup> districtGroups, List<Option> languages) {

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }

        public boolean checked(String field) {
            return "yes".equals(values.get(field));
        }

        public boolean hasProblems() {
            return general != null || !problems.isEmpty();
        }
    }

    public record Receipt(String trackingNumber, String accessCode, String branch, String received, String due,
                   String dueSentence) {
    }

    public record FollowForm(String number, String numberError, String codeError, String general) {
    }

    public record HistoryLine(String at, String action, String note) {
    }

    /**
     * One request as its citizen sees it. {@code acts} are the citizen's acts open now: withdraw
     * and a follow-up comment while open, the answer to the decision while it may be given.
     */
    public record RequestPage(String trackingNumber, String accessCode, int version, String status, String statusCode,
                       String statusText, String subject, String kind, String category, String branch,
                       String received, String due, String extendedFrom, String extensionReason, boolean overdue,
                       String outcome, String answer, List<HistoryLine> history, List<String> acts,
                       String answerSentence, String notice) {

        public boolean may(String act) {
            return acts.contains(act);
        }
    }
}
