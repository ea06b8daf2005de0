package kz.citizenrequests.casework;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** One opening of a request's personal data by staff: who, when, which request. Never changed. */
@Entity
@Immutable
@Table(name = "personal_data_access")
public class PersonalDataAccess {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant at;
    private String actor;
    private String role;
    @Column(name = "branch_code")
    private String branchCode;
    @Column(name = "request_id")
    private Long requestId;
    @Column(name = "tracking_number")
    private String trackingNumber;

    protected PersonalDataAccess() {
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

    public String role() {
        return role;
    }

    public String branchCode() {
        return branchCode;
    }

    public String trackingNumber() {
        return trackingNumber;
    }
}
