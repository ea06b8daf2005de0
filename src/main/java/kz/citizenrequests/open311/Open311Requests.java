package kz.citizenrequests.open311;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.casework.PublishedRequests;
import kz.citizenrequests.casework.PublishedRequests.PublishedRequest;
import kz.citizenrequests.shared.RequestType;
import kz.citizenrequests.intake.IntakeService;
import kz.citizenrequests.intake.SubmissionReceipt;
import kz.citizenrequests.intake.SubmitRequestCommand;
import kz.citizenrequests.open311.Open311Views.CreatedRequestView;
import kz.citizenrequests.open311.Open311Views.ServiceRequestView;
import kz.citizenrequests.reference.District;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.reference.Region;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Text;
import kz.citizenrequests.shared.TimeConfig;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Open311 requests: creates them through intake (channel open311, routed and deadlined
 * like any other) and publishes them without personal data.
 */
@ApplicationScoped
public class Open311Requests {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final IntakeService intake;
    private final PublishedRequests published;
    private final ReferenceData reference;
    private final Validator validator;
    private final Clock clock;

    public Open311Requests(IntakeService intake, PublishedRequests published, ReferenceData reference,
                           Validator validator, Clock clock) {
        this.intake = intake;
        this.published = published;
        this.reference = reference;
        this.validator = validator;
        this.clock = clock;
    }

    /** The most characters a description may have (counted as characters, whatever the encoding). */
    static final int DESCRIPTION_LIMIT = 4000;
    /** The most photo links one request keeps, and the longest link. */
    static final int MEDIA_URLS_LIMIT = 4;
    static final int MEDIA_URL_LENGTH = 2000;
    /** What FixMyStreet sends as address_id for a report placed without a map pin. */
    static final String NOT_PINPOINTED = "#NOTPINPOINTED#";

    /**
     * Stores the request filed by {@code integrator} and answers its tracking number and a
     * notice of due date and branch. The integrator answers for the contact: a request without
     * phone and e-mail is accepted (the staff view names the integrator), and it counts against
     * the key's own daily quota, not the citizen's.
     */
    public CreatedRequestView submit(Open311Submission form, ApiKeyService.Integrator integrator, Language language) {
        List<String> errors = new ArrayList<>();
        String serviceCode = ParameterReader.trimToNull(form.serviceCode);
        if (serviceCode == null) {
            errors.add("service_code: required");
        }
        if (ParameterReader.trimToNull(form.description) == null) {
            errors.add("description: required");
        } else if (Text.characters(form.description.trim()) > DESCRIPTION_LIMIT) {
            errors.add("description: at most " + DESCRIPTION_LIMIT + " characters (this one has "
                    + Text.characters(form.description.trim()) + "); see the service definition");
        }
        if (ParameterReader.trimToNull(form.firstName) == null && ParameterReader.trimToNull(form.lastName) == null) {
            errors.add("first_name, last_name: the applicant's name is required (anonymous appeals are not considered)");
        }
        List<String> mediaUrls = mediaUrls(form, errors);
        SubmitRequestCommand.Location location = location(form, errors);
        Area area = area(form, location, errors);
        RequestType type = type(form, errors);
        boolean consent = consent(form, errors);
        if (!errors.isEmpty()) {
            throw new Open311Exception(400, errors);
        }

        String description = form.description.trim();
        String name = String.join(" ", java.util.stream.Stream.of(form.firstName, form.lastName)
                .map(ParameterReader::trimToNull).filter(s -> s != null).toList());
        SubmitRequestCommand command = new SubmitRequestCommand(type, serviceCode, area.region(), area.district(),
                subjectOf(description), description, address(form), location, language, null,
                consent, new SubmitRequestCommand.Citizen(name, null, ParameterReader.trimToNull(form.phone), ParameterReader.trimToNull(form.email)));
        refuseViolations(command);

        SubmissionReceipt receipt;
        try {
            receipt = intake.submit(command, null, Channel.OPEN311,
                    IntakeService.Submitter.integrator(integrator.keyId(), integrator.client(), integrator.dailyQuota()),
                    mediaUrls).receipt();
        } catch (InvalidInputException refused) {
            // intake checks the codes (service, region, district); Open311 names its own parameters
            boolean byArea = ParameterReader.trimToNull(form.area) != null;
            throw new Open311Exception(400, refused.errors().stream()
                    .map(e -> (byArea && (e.field().equals("region") || e.field().equals("district"))
                            ? "attribute[area]" : wireName(e.field())) + ": " + e.message()).sorted().toList());
        }
        return new CreatedRequestView(receipt.trackingNumber(),
                notice(receipt.dueDate(), receipt.branch().name(), language.wire()));
    }

    /** address_string as the address; address_id only when it is a real one, not FixMyStreet's "no pin" mark. */
    private static String address(Open311Submission form) {
        String address = ParameterReader.trimToNull(form.addressString);
        String id = ParameterReader.trimToNull(form.addressId);
        if (address == null && id != null && !id.equals(NOT_PINPOINTED)) {
            return id;
        }
        return address;
    }

    /** media_url links (http or https), kept for staff; the service does not fetch them. */
    private static List<String> mediaUrls(Open311Submission form, List<String> errors) {
        List<String> urls = form.mediaUrls().stream().map(ParameterReader::trimToNull).filter(u -> u != null).toList();
        if (urls.size() > MEDIA_URLS_LIMIT) {
            errors.add("media_url: at most " + MEDIA_URLS_LIMIT + " links");
            return List.of();
        }
        for (String url : urls) {
            if (url.length() > MEDIA_URL_LENGTH || !url.matches("(?i)https?://[^\\s]+")) {
                errors.add("media_url: must be an http or https link of at most " + MEDIA_URL_LENGTH + " characters");
                return List.of();
            }
        }
        return urls;
    }

    /** Requests by the filters of GET requests, newest first, without personal data. */
    public List<ServiceRequestView> find(Open311Query query, String language) {
        return published.find(new PublishedRequests.Filter(query.ids(), query.from(), query.to(), query.statuses(),
                        query.serviceCodes(), query.page(), query.pageSize()))
                .stream().map(r -> view(r, language)).toList();
    }

    public ServiceRequestView one(String trackingNumber, String language) {
        return published.one(trackingNumber).map(r -> view(r, language))
                .orElseThrow(() -> Open311Exception.notFound("service_request_id " + trackingNumber + " is not known"));
    }

    boolean knownService(String code) {
        return reference.category(code).isPresent();
    }

    Instant now() {
        return clock.instant();
    }

    private ServiceRequestView view(PublishedRequest r, String language) {
        String serviceName = reference.categoryEvenIfRetired(r.categoryCode())
                .map(c -> c.names().in(language)).orElse(r.categoryCode());
        String branch = reference.branchEvenIfRetired(r.branchCode())
                .map(b -> b.names().in(language)).orElse(r.branchCode());
        String outcome = Open311Updates.outcomeNote(r.status(), r.outcome());
        String notes = outcome == null ? r.latestPublicNote()
                : r.latestPublicNote() == null ? outcome : outcome + ": " + r.latestPublicNote();
        return new ServiceRequestView(r.trackingNumber(), r.open() ? "open" : "closed", notes,
                serviceName, r.categoryCode(), r.description(), branch, notice(r.dueDate(), branch, language),
                dateTime(r.receivedAt()), dateTime(r.updatedAt()),
                r.dueDate().atTime(LocalTime.of(23, 59, 59)).atZone(TimeConfig.KAZAKHSTAN)
                        .toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                r.latitude(), r.longitude());
    }

    static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).atZone(TimeConfig.KAZAKHSTAN).toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String notice(LocalDate due, String branch, String language) {
        return switch (language) {
            case "kk" -> "Қарау мерзімі: " + due.format(DAY) + " дейін; филиал: " + branch + ".";
            case "en" -> "Due by " + due + "; branch: " + branch + ".";
            default -> "Срок рассмотрения: до " + due.format(DAY) + "; филиал: " + branch + ".";
        };
    }

    /** Open311 has no subject: the first line of the description, shortened to 200 characters. */
    static String subjectOf(String description) {
        String line = description.strip().lines().findFirst().orElse("").replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 199).strip() + "…";
    }

    private static SubmitRequestCommand.Location location(Open311Submission form, List<String> errors) {
        String lat = ParameterReader.trimToNull(form.lat);
        String lon = ParameterReader.trimToNull(form.lon);
        if (lat == null && lon == null) {
            return null;
        }
        if (lat == null || lon == null) {
            errors.add("lat, long: give both or neither");
            return null;
        }
        BigDecimal latitude = decimal("lat", lat, errors);
        BigDecimal longitude = decimal("long", lon, errors);
        return latitude == null || longitude == null ? null : new SubmitRequestCommand.Location(latitude, longitude);
    }

    private static BigDecimal decimal(String name, String value, List<String> errors) {
        try {
            if (value.length() > 30) {
                throw new NumberFormatException();
            }
            return new BigDecimal(value).setScale(6, RoundingMode.HALF_UP);
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(name + ": must be a decimal number of degrees (WGS84)");
            return null;
        }
    }

    /** Where the request belongs: its region (required by intake) and district, if any. */
    record Area(String region, String district) {
    }

    /**
     * The region and district: attribute[area] (a region, or a district, which implies its region:
     * every value of the definition's list is a valid choice); else the older attribute[region] and
     * attribute[district] (a district alone implies its region; both must agree); else the region
     * whose administrative centre is nearest to lat/long.
     */
    private Area area(Open311Submission form, SubmitRequestCommand.Location location, List<String> errors) {
        String area = ParameterReader.trimToNull(form.area);
        if (area != null) {
            if (reference.region(area).isPresent()) {
                return new Area(area, null);
            }
            Optional<District> district = reference.district(area);
            if (district.isPresent()) {
                return new Area(district.get().regionCode(), area);
            }
            errors.add("attribute[area]: unknown; use a key of the area list in the service definition");
            return new Area(null, null);
        }
        String region = ParameterReader.trimToNull(form.region);
        String district = ParameterReader.trimToNull(form.district);
        if (region == null && district != null) {
            region = reference.district(district).map(District::regionCode).orElse(null);
        }
        if (region != null || district != null) {
            return new Area(region, district);
        }
        if (location == null) {
            if (ParameterReader.trimToNull(form.lat) == null) {
                errors.add("attribute[area]: give attribute[area] (a region or a district), or lat and long; "
                        + "address_string and address_id alone do not say the region");
            }
            return new Area(null, null);
        }
        return new Area(reference.regions().stream()
                .min(Comparator.comparingDouble(r -> distance(location.latitude().doubleValue(),
                        location.longitude().doubleValue(), r.centreLat().doubleValue(), r.centreLon().doubleValue())))
                .map(Region::code).orElse(null), null);
    }

    private static RequestType type(Open311Submission form, List<String> errors) {
        String value = ParameterReader.trimToNull(form.type);
        if (value == null) {
            return RequestType.APPLICATION;
        }
        return Arrays.stream(RequestType.values()).filter(t -> t.wire().equals(value)).findFirst().orElseGet(() -> {
            errors.add("attribute[type]: must be one of " + String.join(", ",
                    Arrays.stream(RequestType.values()).map(RequestType::wire).toList()));
            return RequestType.APPLICATION;
        });
    }

    private static boolean consent(Open311Submission form, List<String> errors) {
        String value = ParameterReader.trimToNull(form.publicationConsent);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        errors.add("attribute[publication_consent]: must be true or false");
        return false;
    }

    /** Great-circle distance in radians; enough to compare which centre is nearest. */
    private static double distance(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    private void refuseViolations(SubmitRequestCommand command) {
        List<String> errors = validator.validate(command).stream()
                .map(v -> wireName(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted().toList();
        if (!errors.isEmpty()) {
            throw new Open311Exception(400, errors);
        }
    }

    /** The Open311 parameter behind a field of the command. */
    private static String wireName(String field) {
        return switch (field) {
            case "category" -> "service_code";
            case "region" -> "attribute[region]";
            case "district" -> "attribute[district]";
            case "subject", "description" -> "description";
            case "address" -> "address_string";
            case "location.latitude" -> "lat";
            case "location.longitude" -> "long";
            case "citizen.fullName" -> "first_name, last_name";
            case "citizen.phone" -> "phone";
            case "citizen.email" -> "email";
            default -> field;
        };
    }

}
