package kz.citizenrequests.casework;

import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.RequestType;


/**
 * The validated content of a submission, as intake hands it to casework; {@code location}
 * may be null, {@code citizenAccount} is the submitting citizen's account (issuer and subject), if any.
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
        String citizenAccount) {
}
