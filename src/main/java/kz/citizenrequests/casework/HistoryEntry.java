package kz.citizenrequests.casework;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import kz.citizenrequests.shared.Jdbc;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;

/**
 * One act on a request: who, when, from which status and branch to which, and the note.
 * Written in the same transaction as the change; never updated (the table refuses it).
 */
@Entity
@Immutable
@Table(name = "request_history")
public class HistoryEntry {

    /** The act that creates a request; not a client command, so not an {@link Action}. */
    public static final String SUBMIT = "submit";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "request_id")
    private Request request;
    private Instant at;
    private String actor;
    private String action;
    @Column(name = "from_status")
    private String fromStatus;
    @Column(name = "to_status")
    private String toStatus;
    @Column(name = "from_branch")
    private String fromBranch;
    @Column(name = "to_branch")
    private String toBranch;
    private String note;
    @Column(name = "public")
    private boolean publicEntry;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> details;
    /** The request's integrator key, copied so that an integrator's feed reads one index. */
    @Column(name = "integrator_key_id", updatable = false)
    private Long integratorKeyId;

    protected HistoryEntry() {
    }

    HistoryEntry(Request request, Instant at, String actor, String action, RequestStatus fromStatus,
                 RequestStatus toStatus, String fromBranch, String toBranch, String note, boolean publicEntry,
                 Map<String, Object> details) {
        this.request = request;
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.fromStatus = fromStatus == null ? null : fromStatus.name();
        this.toStatus = toStatus.name();
        this.fromBranch = fromBranch;
        this.toBranch = toBranch;
        this.note = note;
        this.publicEntry = publicEntry;
        this.details = Map.copyOf(details);
        this.integratorKeyId = request.integratorKeyId();
    }

    /** Binds the row in the column order of {@link HistoryRepository#record}'s insert; the details as JSON. */
    void bind(PreparedStatement insert, String detailsJson) throws SQLException {
        insert.setLong(1, request.id());
        insert.setObject(2, Jdbc.utc(at));
        insert.setString(3, actor);
        insert.setString(4, action);
        insert.setString(5, fromStatus);
        insert.setString(6, toStatus);
        insert.setString(7, fromBranch);
        insert.setString(8, toBranch);
        insert.setString(9, note);
        insert.setBoolean(10, publicEntry);
        insert.setString(11, detailsJson);
        insert.setObject(12, integratorKeyId, Types.BIGINT);
    }

    /** The id the database gave the row. */
    void stored(long id) {
        this.id = id;
    }

    public Long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String fromStatus() {
        return fromStatus;
    }

    public String toStatus() {
        return toStatus;
    }

    public String fromBranch() {
        return fromBranch;
    }

    public String toBranch() {
        return toBranch;
    }

    public String note() {
        return note;
    }

    public boolean isPublic() {
        return publicEntry;
    }

    public Map<String, Object> details() {
        return details;
    }
}
