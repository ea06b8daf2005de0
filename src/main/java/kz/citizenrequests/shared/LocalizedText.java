package kz.citizenrequests.shared;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A text in the three languages of the service. */
@Schema(name = "LocalizedText")
public record LocalizedText(
        @Schema(description = "Kazakh") String kk,
        @Schema(description = "Russian") String ru,
        @Schema(description = "English") String en) {

    public String in(String language) {
        return switch (language) {
            case "kk" -> kk;
            case "en" -> en;
            default -> ru;
        };
    }
}
