package kz.citizenrequests.shared;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A branch as a request names it: its code and its name in the request's language. */
@Schema(name = "BranchRef")
public record BranchRef(
        @Schema(examples = "AST-RB") String code,
        @Schema(description = "Name in the request's language") String name) {

    public static BranchRef of(String code, LocalizedText names, Language language) {
        return new BranchRef(code, names == null ? code : names.in(language.wire()));
    }
}
