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
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.reference.Region;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.ParameterReader;
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

    /** Stores the request and answers its tracking number and a notice of due date and branch. */
    public CreatedRequestView submit(Open311Submission form, Language language) {
        List<String> errors = new ArrayList<>();
        String serviceCode = ParameterReader.trimToNull(form.serviceCode);
        if (serviceCode == null) {
            errors.add("service_code: required");
        }
        if (ParameterReader.trimToNull(form.description) == null) {
            errors.add("description: required");
        }
        if (ParameterReader.trimToNull(form.firstName) == null && ParameterReader.trimToNull(form.lastName) == null) {
            errors.add("first_name, last_name: the applicant's name is required (anonymous appeals are not considered)");
        }
        if (ParameterReader.trimToNull(form.email) == null && ParameterReader.trimToNull(form.phone) == null) {
            errors.add("email, phone: give at least one contact");
        }
        SubmitRequestCommand.Location location = location(form, errors);
        String region = region(form, location, errors);
        String district = ParameterReader.trimToNull(form.district);
        RequestType type = type(form, errors);
        boolean consent = consent(form, errors);
        if (location == null && ParameterReader.trimToNull(form.addressString) == null && ParameterReader.trimToNull(form.addressId) == null
                && ParameterReader.trimToNull(form.region) == null) {
            errors.add("lat, long: give a location (lat and long, address_string, address_id or attribute[region])");
        }
        if (!errors.isEmpty()) {
            throw new Open311Exception(400, errors);
        }

        String description = form.description.trim();
        String name = String.join(" ", java.util.stream.Stream.of(form.firstName, form.lastName)
                .map(ParameterReader::trimToNull).filter(s -> s != null).toList());
        SubmitRequestCommand command = new SubmitRequestCommand(type, serviceCode, region, district,
                subjectOf(description), description, ParameterReader.trimToNull(form.addressString), location, language, null,
                consent, new SubmitRequestCommand.Citizen(name, null, ParameterReader.trimToNull(form.phone), ParameterReader.trimToNull(form.email)));
        refuseViolations(command);

        SubmissionReceipt receipt;
        try {
            // an integrator submits for many citizens from one address: only the per-citizen cap applies
            receipt = intake.submit(command, null, Channel.OPEN311, IntakeService.Submitter.anonymous(null)).receipt();
        } catch (InvalidInputException refused) {
            // intake checks the codes (service, region, district); Open311 names its own parameters
            throw new Open311Exception(400, refused.errors().stream()
                    .map(e -> wireName(e.field()) + ": " + e.message()).sorted().toList());
        }
        return new CreatedRequestView(receipt.trackingNumber(),
                notice(receipt.dueDate(), receipt.branch().name(), language.wire()));
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
        return new ServiceRequestView(r.trackingNumber(), r.open() ? "open" : "closed", r.latestPublicNote(),
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

    /** attribute[region] when given (intake checks it); else the region whose administrative centre is nearest to lat/long. */
    private String region(Open311Submission form, SubmitRequestCommand.Location location, List<String> errors) {
        String code = ParameterReader.trimToNull(form.region);
        if (code != null) {
            return code;
        }
        if (location == null) {
            if (ParameterReader.trimToNull(form.lat) == null) {
                errors.add("attribute[region]: give attribute[region], or lat and long");
            }
            return null;
        }
        return reference.regions().stream()
                .min(Comparator.comparingDouble(r -> distance(location.latitude().doubleValue(),
                        location.longitude().doubleValue(), r.centreLat().doubleValue(), r.centreLon().doubleValue())))
                .map(Region::code).orElse(null);
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
