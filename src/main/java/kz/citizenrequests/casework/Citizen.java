package kz.citizenrequests.casework;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The applicant, as the request keeps them: all of the request's personal data in one
 * place. Only the staff view shows it (and logs the disclosure); listings show the name
 * and the IIN masked; it never goes into URLs, logs or public figures.
 */
@Embeddable
public class Citizen {

    @Column(name = "citizen_full_name")
    private String fullName;
    @Column(name = "citizen_iin")
    private String iin;
    @Column(name = "citizen_phone")
    private String phone;
    @Column(name = "citizen_email")
    private String email;

    protected Citizen() {
    }

    /** A name and at least one contact (checked by intake); the IIN is optional. */
    public Citizen(String fullName, String iin, String phone, String email) {
        this.fullName = fullName;
        this.iin = iin;
        this.phone = phone;
        this.email = email;
    }

    public String fullName() {
        return fullName;
    }

    public String iin() {
        return iin;
    }

    public String phone() {
        return phone;
    }

    public String email() {
        return email;
    }
}
