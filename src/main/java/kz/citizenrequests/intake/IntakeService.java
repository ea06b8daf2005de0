package kz.citizenrequests.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.calendar.Deadlines;
import kz.citizenrequests.casework.AccessCodes;
import kz.citizenrequests.shared.BranchRef;
import kz.citizenrequests.shared.Channel;
import kz.citizenrequests.casework.Citizen;
import kz.citizenrequests.casework.Location;
import kz.citizenrequests.casework.NewRequest;
import kz.citizenrequests.casework.Reception;
import kz.citizenrequests.reference.Branch;
import kz.citizenrequests.reference.District;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.reference.Region;
import kz.citizenrequests.routing.Router;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.Jdbc;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Problem.FieldError;
import kz.citizenrequests.shared.TimeConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Receives a submission: checks it, routes it, gives it a number and a deadline, stores it with its first history row. */
@ApplicationScoped
public class IntakeService {

    static final String CITIZEN = "citizen";

    /** A same-key race is settled by the second attempt; more mean the key vanished in between. */
    private static final int MAX_ATTEMPTS = 3;

    /** The refusal of a submission without a phone and without an e-mail, named on both fields. */
    public static final String CONTACT_REQUIRED = "give a phone or an e-mail (at least one contact)";

    private final Reception reception;
    private final ReferenceData reference;
    private final Router router;
    private final Deadlines deadlines;
    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final IntakeSettings settings;
    private final SubmissionLimits limits;
    private final Clock clock;

    public IntakeService(Reception reception, ReferenceData reference,
                         Router router, Deadlines deadlines, Jdbc jdbc, ObjectMapper json,
                         IntakeSettings settings, SubmissionLimits limits, Clock clock) {
        this.limits = limits;
        this.reception = reception;
        this.reference = reference;
        this.router = router;
        this.deadlines = deadlines;
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** The outcome of a submission: the receipt, and whether it replays an earlier one with the same key. */
    public record Submission(SubmissionReceipt receipt, boolean replayed) {
    }

    /**
     * Stores a new request and answers its receipt; the caller answers only after the
     * commit. With an Idempotency-Key, the same key and body answer the original receipt
     * and create nothing; the same key with another body is refused. Called outside any
     * transaction: each attempt has its own.
     */
    public Submission submit(SubmitRequestCommand command, String idempotencyKey, Channel defaultChannel,
                             Submitter submitter) {
        return submit(command, idempotencyKey, defaultChannel, submitter, List.of());
    }

    /**
     * The same, with links to the citizen's photos (Open311 media_url), kept for staff.
     * <p>
     * The key's record is written once, with the answer, as the attempt's last statement. A
     * submission of the same key that commits first makes that insert find the key taken (it
     * waits for that transaction to end): the attempt is rolled back whole, and the next one
     * answers the record the other left, or refuses a different body.
     */
    public Submission submit(SubmitRequestCommand command, String idempotencyKey, Channel defaultChannel,
                             Submitter submitter, List<String> mediaUrls) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(
                        () -> attempt(command, idempotencyKey, defaultChannel, submitter, mediaUrls));
            } catch (KeyTakenMeanwhile e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("The Idempotency-Key was taken and not found " + attempt + " times");
                }
            } catch (SubmissionLimits.TooManySubmissionsException e) {
                // The counters wait on a submission in flight that counted the same citizen. If that
                // one carried this key, it has committed by now and its receipt is the answer: look
                // once more. A refusal of anything else is only repeated.
                if (idempotencyKey == null || attempt > 1) {
                    throw e;
                }
            }
        }
    }

    private Submission attempt(SubmitRequestCommand command, String idempotencyKey, Channel defaultChannel,
                               Submitter submitter, List<String> mediaUrls) {
        Region region = checked(command, submitter.integrator() != null);
        NewRequest content = content(command, defaultChannel, submitter, mediaUrls);
        String bodyHash = idempotencyKey == null ? null : sha256(canonical(command) + "\n" + content.channel().wire());
        // an integrator files for many citizens: its own quota, not the citizens' caps
        Integrator integrator = submitter.integrator();
        Optional<IdempotencyRecord> earlier = integrator == null
                ? limits.count(idempotencyKey, submitter.address(), citizenKey(content))
                : limits.count(idempotencyKey, null, null);
        if (earlier.isEmpty() && integrator != null) {
            limits.countIntegrator(integrator.keyId(), integrator.dailyQuota());
        }
        if (earlier.isPresent()) {
            if (!earlier.get().bodyHash().equals(bodyHash)) {
                throw new IdempotencyKeyReusedException();
            }
            SubmissionReceipt original = read(earlier.get().response());
            return new Submission(original.withAccessCode(
                    AccessCodes.derived(settings.accessCodeSecret(), idempotencyKey, original.trackingNumber())), true);
        }

        String branchCode = router.route(content.region(), content.district(), content.category());
        Instant now = clock.instant();
        LocalDate receivedOn = now.atZone(TimeConfig.KAZAKHSTAN).toLocalDate();
        LocalDate dueDate = deadlines.dueDate(content.type().wire(), receivedOn);
        Reception.Received received = reception.receive(content, region.prefix(), branchCode, now, receivedOn, dueDate,
                trackingNumber -> idempotencyKey == null
                        ? AccessCodes.random()
                        : AccessCodes.derived(settings.accessCodeSecret(), idempotencyKey, trackingNumber),
                submitter.actor() == null ? CITIZEN : submitter.actor());

        Branch branch = reference.branch(branchCode).orElseThrow();
        SubmissionReceipt receipt = new SubmissionReceipt(received.trackingNumber(), null, received.status(),
                BranchRef.of(branchCode, branch.names(), content.language()), dueDate, now);
        if (idempotencyKey != null) {
            record(idempotencyKey, bodyHash, received.id(), write(receipt), now);
        }
        return new Submission(receipt.withAccessCode(received.accessCode()), false);
    }

    /**
     * Writes the key's record with the answer. The insert waits while another transaction holds
     * the same key uncommitted; when that one has committed, the key is taken and this attempt
     * gives way ({@link KeyTakenMeanwhile}).
     */
    private void record(String key, String bodyHash, long requestId, String response, Instant now) {
        int inserted = jdbc.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idempotency_keys "
                    + "(idempotency_key, body_hash, request_id, response, created_at) VALUES (?, ?, ?, CAST(? AS jsonb), ?) "
                    + "ON CONFLICT (idempotency_key) DO NOTHING")) {
                insert.setString(1, key);
                insert.setString(2, bodyHash);
                insert.setLong(3, requestId);
                insert.setString(4, response);
                insert.setObject(5, Jdbc.utc(now));
                return insert.executeUpdate();
            }
        });
        if (inserted == 0) {
            throw new KeyTakenMeanwhile();
        }
    }

    /** A submission of the same key committed while this attempt ran: the attempt is rolled back and made again. */
    private static final class KeyTakenMeanwhile extends RuntimeException {
        KeyTakenMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** Checks what bean validation cannot: the codes exist and fit together, and a contact is given. */
    private Region checked(SubmitRequestCommand command, boolean integratorAnswersForContact) {
        List<FieldError> errors = problems(command, integratorAnswersForContact);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return reference.region(command.region().trim()).orElseThrow();
    }

    /**
     * What is wrong with a submission beyond its form: unknown codes, a district outside the
     * region, no contact. Fields that are missing are bean validation's to name, not this.
     * The portal asks it together with bean validation, so that a form lists every problem at once.
     */
    public List<FieldError> problems(SubmitRequestCommand command) {
        return problems(command, false);
    }

    /**
     * The same, for a submission an Open311 integrator files: the integrator answers for the
     * contact (FixMyStreet knows some reporters by phone alone and passes no contact), so the
     * rule of at least one contact holds for citizens who file directly only.
     */
    private List<FieldError> problems(SubmitRequestCommand command, boolean integratorAnswersForContact) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Region> region = present(command.region()) ? reference.region(command.region().trim()) : Optional.empty();
        if (present(command.region()) && region.isEmpty()) {
            errors.add(new FieldError("region", "unknown region code; see GET /api/v1/regions"));
        }
        if (present(command.category()) && reference.category(command.category().trim()).isEmpty()) {
            errors.add(new FieldError("category", "unknown category code; see GET /api/v1/categories"));
        }
        if (present(command.district())) {
            Optional<District> district = reference.district(command.district().trim());
            if (district.isEmpty()) {
                errors.add(new FieldError("district", "unknown district code; see GET /api/v1/districts"));
            } else if (region.isPresent() && !district.get().regionCode().equals(region.get().code())) {
                errors.add(new FieldError("district", "the district is not in region " + region.get().code()));
            }
        }
        SubmitRequestCommand.Citizen citizen = command.citizen();
        if (citizen != null && !integratorAnswersForContact && !present(citizen.phone()) && !present(citizen.email())) {
            errors.add(new FieldError("citizen.phone", CONTACT_REQUIRED));
            errors.add(new FieldError("citizen.email", CONTACT_REQUIRED));
        }
        if (command.channel() == Channel.OPEN311) {
            errors.add(new FieldError("channel", "open311 is set by the Open311 interface only"));
        }
        return errors;
    }

    private static boolean present(String value) {
        return ParameterReader.present(value);
    }

    /**
     * Who submits: the client address (for the daily cap) and, when the submission
     * carries a citizen token, the account that will own the request and how history names it.
     */
    public record Submitter(String address, String citizenAccount, String actor, Integrator integrator) {

        public Submitter(String address, String citizenAccount, String actor) {
            this(address, citizenAccount, actor, null);
        }

        public static Submitter anonymous(String address) {
            return new Submitter(address, null, null);
        }

        /** An Open311 integrator filing for a citizen: counted against its api key's own daily quota. */
        public static Submitter integrator(long keyId, String name, int dailyQuota) {
            return new Submitter(null, null, null, new Integrator(keyId, name, dailyQuota));
        }
    }

    /** An Open311 integrator: its api key, its name and the key's daily quota of submissions. */
    public record Integrator(long keyId, String name, int dailyQuota) {
    }

    /** The citizen for the daily cap: their account, else their IIN, e-mail or phone. */
    private static String citizenKey(NewRequest content) {
        if (content.citizenAccount() != null) {
            return "account:" + content.citizenAccount();
        }
        Citizen citizen = content.citizen();
        if (citizen.iin() != null) {
            return "iin:" + citizen.iin();
        }
        if (citizen.email() != null) {
            return "email:" + citizen.email().toLowerCase(java.util.Locale.ROOT);
        }
        return "phone:" + citizen.phone().replaceAll("[^0-9]", "");
    }

    private static NewRequest content(SubmitRequestCommand c, Channel defaultChannel, Submitter submitter,
                                      List<String> mediaUrls) {
        SubmitRequestCommand.Citizen applicant = c.citizen();
        Integrator integrator = submitter.integrator();
        return new NewRequest(c.type(), c.category().trim(), c.region().trim(), ParameterReader.trimToNull(c.district()),
                c.subject().trim(), c.description().trim(), ParameterReader.trimToNull(c.address()),
                c.location() == null ? null : new Location(c.location().latitude(), c.location().longitude()),
                c.language(), c.channel() == null ? defaultChannel : c.channel(),
                Boolean.TRUE.equals(c.publicationConsent()),
                new Citizen(applicant.fullName().trim(), ParameterReader.trimToNull(applicant.iin()),
                        ParameterReader.trimToNull(applicant.phone()), ParameterReader.trimToNull(applicant.email())),
                submitter.citizenAccount(),
                integrator == null ? null : new NewRequest.Integrator(integrator.keyId(), integrator.name()),
                mediaUrls);
    }

    private String canonical(SubmitRequestCommand command) {
        try {
            return json.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A validated command always serialises", e);
        }
    }

    private String write(SubmissionReceipt receipt) {
        try {
            return json.writeValueAsString(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A receipt always serialises", e);
        }
    }

    private SubmissionReceipt read(String stored) {
        try {
            return json.readValue(stored, SubmissionReceipt.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored receipt is unreadable", e);
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
