package kz.citizenrequests.casework;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import kz.citizenrequests.shared.Jdbc;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.UnaryOperator;

/**
 * Where a request enters casework: the only code that creates and stores a request. Intake
 * calls it after it has checked, routed and dated a submission; the request and its receipt
 * row in the history are written in the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Reception {

    private final RequestRepository requests;
    private final HistoryRepository history;
    private final Jdbc jdbc;

    public Reception(RequestRepository requests, HistoryRepository history, Jdbc jdbc) {
        this.requests = requests;
        this.history = history;
        this.jdbc = jdbc;
    }

    /** What the citizen is told on receipt. */
    public record Received(long id, String trackingNumber, String accessCode, RequestStatus status) {
    }

    /**
     * Numbers the request (region prefix, year of receipt, the next number of one sequence),
     * gives it the access code that {@code accessCodeFor} makes for its number, and stores it
     * with its receipt row.
     */
    public Received receive(NewRequest content, String regionPrefix, String branchCode, Instant receivedAt,
                            LocalDate receivedOn, LocalDate dueDate, UnaryOperator<String> accessCodeFor, String actor) {
        long next = jdbc.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT nextval('tracking_number_seq')")) {
                return Jdbc.singleLong(select);
            }
        });
        String trackingNumber = TrackingNumber.of(regionPrefix, receivedOn.getYear(), next);
        String accessCode = accessCodeFor.apply(trackingNumber);
        Request request = Request.receive(content, trackingNumber, AccessCodes.hash(accessCode), branchCode, receivedAt, dueDate);
        requests.insertReceived(request);
        history.record(request, request.receipt(actor));
        return new Received(request.id(), trackingNumber, accessCode, request.status());
    }
}
