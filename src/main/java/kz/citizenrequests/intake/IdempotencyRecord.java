package kz.citizenrequests.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A submission made with an Idempotency-Key: the body it carried and the answer it got (without the access code). */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyRecord {

    @Id
    @Column(name = "idempotency_key")
    private String key;
    @Column(name = "body_hash")
    private String bodyHash;
    @Column(name = "request_id")
    private Long requestId;
    @JdbcTypeCode(SqlTypes.JSON)
    private String response;
    @Column(name = "created_at")
    private Instant createdAt;

    protected IdempotencyRecord() {
    }

    IdempotencyRecord(String key, String bodyHash, Long requestId, String response, Instant createdAt) {
        this.key = key;
        this.bodyHash = bodyHash;
        this.requestId = requestId;
        this.response = response;
        this.createdAt = createdAt;
    }

    String bodyHash() {
        return bodyHash;
    }

    String response() {
        return response;
    }
}
