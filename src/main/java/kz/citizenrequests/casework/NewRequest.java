package kz.citizenrequests.casework;

import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.shared.RequestType;

import java.math.BigDecimal;

/** The validated content of a submission, as intake hands it to casework; {@code citizenAccount} is the submitting citizen's token subject, if any. */
public record NewRequest(
        RequestType type,
        String category,
        String region,
        String district,
        String subject,
        String description,
        String address,
        BigDecimal latitude,
        BigDecimal longitude,
        Language language,
        Channel channel,
        boolean publicationConsent,
        String citizenFullName,
        String citizenIin,
        String citizenPhone,
        String citizenEmail,
        String citizenAccount) {
}
