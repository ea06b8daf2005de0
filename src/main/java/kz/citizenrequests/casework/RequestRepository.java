package kz.citizenrequests.casework;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.casework.CaseworkViews.QueueItemView;
import kz.citizenrequests.shared.Iin;
import kz.citizenrequests.shared.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Requests by tracking number, and the staff queue. */
@ApplicationScoped
public class RequestRepository implements PanacheRepository<Request> {

    private final Jdbc jdbc;

    public RequestRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a request just received, and gives it the id the database chose. Plain JDBC: the
     * insert every submission makes, without the persist machinery and the {@code RETURNING *}
     * of Hibernate's identity insert, which cost more CPU than the statement (docs/PERFORMANCE.md).
     * The request is not attached to the persistence context: nothing changes it in the
     * transaction that receives it.
     */
    void insertReceived(Request request) {
        request.stored(jdbc.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO requests (tracking_number, access_code_hash, type, category_code, region_code,
                        district_code, subject, description, address, latitude, longitude, language, channel,
                        publication_consent, citizen_full_name, citizen_iin, citizen_phone, citizen_email,
                        citizen_account, integrator_key_id, integrator, media_urls, branch_code, status,
                        received_at, due_date, statutory_due_date, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    RETURNING id""")) {
                request.bindReceived(insert);
                return Jdbc.singleLong(insert);
            }
        }));
    }

    public Optional<Request> findByTrackingNumber(String trackingNumber) {
        return find("trackingNumber", trackingNumber).firstResultOptional();
    }

    /**
     * A request by its tracking number, read with plain JDBC and not attached to the persistence
     * context: for the readings and the acts of CaseworkService (an act writes its change back
     * with {@link #saveAct}). Through Hibernate the look-up was the largest part of a staff
     * reading's CPU, and with the flush the largest of an act's (docs/PERFORMANCE.md, item 22).
     */
    private static final String READ = "SELECT " + Request.COLUMNS + " FROM requests WHERE tracking_number = ?";

    Optional<Request> read(String trackingNumber) {
        return jdbc.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement(READ)) {
                select.setString(1, trackingNumber);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(Request.fromRow(row)) : Optional.<Request>empty();
                }
            }
        });
    }

    private static final String SAVE_ACT = "UPDATE requests SET "
            + String.join(" = ?, ", Request.ACT_COLUMNS) + " = ?, version = version + 1 WHERE id = ? AND version = ?";

    /**
     * Writes back a request an act changed, read at {@code readVersion} with {@link #read}: one
     * versioned UPDATE of the columns Hibernate would write. If the row moved on meanwhile (another
     * act committed first), nothing is written and the act is refused as stale (412); a concurrent
     * act on the same row waits for the other's commit and then finds the version changed.
     */
    void saveAct(Request request, int readVersion) {
        int updated = jdbc.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement(SAVE_ACT)) {
                int next = request.bindAct(update);
                update.setLong(next, request.id());
                update.setInt(next + 1, readVersion);
                return update.executeUpdate();
            }
        });
        if (updated != 1) {
            throw new kz.citizenrequests.shared.StaleVersionException();
        }
        request.savedAt(readVersion + 1);
    }

    /** A citizen account's own requests, newest first (index requests_citizen_account_idx). */
    public List<Request> ownedBy(String citizenAccount, int page, int size) {
        return find("citizenAccount = ?1 order by receivedAt desc, id desc", citizenAccount)
                .range(page * size, page * size + size - 1).list();
    }

    /**
     * One page of the queue, plus one row more to tell whether another page follows. Plain JDBC
     * and only the columns a queue item shows: as whole entities through a native query, the
     * page cost the service most of its CPU in building 21 full requests and resolving the
     * result's mapping on every call (docs/PERFORMANCE.md, item 19).
     */
    List<QueueItemView> queue(QueueQuery query, LocalDate dueSoonUntil) {
        QueueQuery.Sql sql = query.toSql();
        String text = "SELECT " + QUEUE_COLUMNS + " FROM requests WHERE " + sql.where() + " ORDER BY " + sql.orderBy()
                + " LIMIT ? OFFSET ?";
        return jdbc.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement(text)) {
                int i = 0;
                for (Object parameter : sql.parameters()) {
                    select.setObject(++i, parameter);
                }
                select.setInt(++i, query.size() + 1);
                select.setLong(++i, (long) query.page() * query.size());
                List<QueueItemView> items = new ArrayList<>(query.size() + 1);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        items.add(queueItem(row, query.today(), dueSoonUntil));
                    }
                }
                return items;
            }
        });
    }

    private static final String QUEUE_COLUMNS = "tracking_number, type, category_code, region_code, district_code, subject, "
            + "status, branch_code, assignee, received_at, due_date, escalated_at, citizen_full_name, citizen_iin, version";

    private static QueueItemView queueItem(ResultSet row, LocalDate today, LocalDate dueSoonUntil) throws SQLException {
        RequestStatus status = RequestStatus.valueOf(row.getString("status"));
        LocalDate dueDate = row.getObject("due_date", LocalDate.class);
        return new QueueItemView(row.getString("tracking_number"), Request.TYPES.convertToEntityAttribute(row.getString("type")),
                row.getString("category_code"), row.getString("region_code"), row.getString("district_code"),
                row.getString("subject"), status, row.getString("branch_code"), row.getString("assignee"),
                row.getObject("received_at", OffsetDateTime.class).toInstant(), dueDate,
                Request.isOverdue(status, dueDate, today), Request.isDueSoon(status, dueDate, today, dueSoonUntil),
                row.getObject("escalated_at") != null, row.getString("citizen_full_name"),
                Iin.mask(row.getString("citizen_iin")), row.getInt("version"));
    }

    CaseworkViews.QueueTallies tallies(String branch, java.time.LocalDate today, java.time.LocalDate dueSoonUntil) {
        // the same predicate as the partial index of V34, so that the count is an index-only scan
        String waiting = RequestStatus.WAITING.stream().map(s -> "'" + s.name() + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        String open = RequestStatus.OPEN.stream().map(s -> "'" + s.name() + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(
                        "SELECT status, count(*),"
                        + " count(*) FILTER (WHERE status IN (" + open + ") AND due_date < :today),"
                        + " count(*) FILTER (WHERE status IN (" + open + ") AND due_date >= :today AND due_date <= :soon)"
                        + " FROM requests WHERE branch_code = :branch AND status IN (" + waiting + ") GROUP BY status")
                .setParameter("branch", branch).setParameter("today", today).setParameter("soon", dueSoonUntil)
                .getResultList();
        java.util.Map<RequestStatus, Long> byStatus = new java.util.EnumMap<>(RequestStatus.class);
        for (RequestStatus status : RequestStatus.WAITING) {
            byStatus.put(status, 0L);
        }
        long overdue = 0;
        long dueSoon = 0;
        for (Object[] row : rows) {
            byStatus.put(RequestStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
            overdue += ((Number) row[2]).longValue();
            dueSoon += ((Number) row[3]).longValue();
        }
        return new CaseworkViews.QueueTallies(byStatus, overdue, dueSoon);
    }
}
