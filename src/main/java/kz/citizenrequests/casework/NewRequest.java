package kz.citizenrequests.casework;

import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.RequestType;

import java.util.List;

/**
 * The validated content of a submission, as intake hands it to casework; {@code location}
 * may be null, {@code citizenAccount} is the submitting citizen's account (issuer and subject), if any;
 * {@code integrator} the Open311 integrator that filed it, if any (it answers for the contact);
 * {@code mediaUrls} links to the citizen's photos.
 */
public record NewRequest(
        RequestType type,
        String category,
        String region,
        String district,
        String subject,
        String description,
        String address,
        Location location,
        Language language,
        Channel channel,
        boolean publicationConsent,
        Citizen citizen,
        String citizenAccount,
        Integrator integrator,
        List<String> mediaUrls) {

    public NewRequest {
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    /** A submission made directly (API, portal): no integrator, no photo links. */
    public NewRequest(RequestType type, String category, String region, String district, String subject,
                      String description, String address, Location location, Language language, Channel channel,
                      boolean publicationConsent, Citizen citizen, String citizenAccount) {
        this(type, category, region, district, subject, description, address, location, language, channel,
                publicationConsent, citizen, citizenAccount, null, List.of());
    }

    /** An Open311 integrator: the api key it files with and its name at that time. */
    public record Integrator(long keyId, String name) {
    }
}
