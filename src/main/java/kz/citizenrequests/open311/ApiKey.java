package kz.citizenrequests.open311;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An Open311 api_key issued to one integrating client. Only its SHA-256 is kept. */
@Entity
@Table(name = "open311_api_keys")
public class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String client;
    @Column(name = "key_hash", updatable = false)
    private String keyHash;
    @Column(name = "key_prefix", updatable = false)
    private String keyPrefix;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Column(name = "daily_quota")
    private Integer dailyQuota;

    protected ApiKey() {
    }

    static ApiKey issue(String client, String keyHash, String keyPrefix, Instant at, Integer dailyQuota) {
        ApiKey key = new ApiKey();
        key.dailyQuota = dailyQuota;
        key.client = client;
        key.keyHash = keyHash;
        key.keyPrefix = keyPrefix;
        key.createdAt = at;
        return key;
    }

    /** Revoking twice keeps the first time. */
    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    /** The key's own daily quota of submissions; null for the configured default. */
    void limitTo(Integer quota) {
        dailyQuota = quota;
    }

    Integer dailyQuota() {
        return dailyQuota;
    }

    void usedAt(Instant at) {
        lastUsedAt = at;
    }

    boolean active() {
        return revokedAt == null;
    }

    Long id() {
        return id;
    }

    String client() {
        return client;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }
}
