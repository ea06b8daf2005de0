package kz.citizenrequests.answers;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import kz.citizenrequests.shared.Language;

import java.time.Instant;

/**
 * The usual answer to a citizen in one language, for one category or (category null) for
 * any. Its body names {@link Placeholder}s that are filled from the request when staff draw
 * a draft; it never holds the citizen's personal data. Deactivated rather than deleted.
 */
@Entity
@Table(name = "answer_templates")
public class AnswerTemplate {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "category_code")
    private String categoryCode;
    @Convert(converter = Language.Converter.class)
    private Language language;
    private String title;
    private String body;
    private boolean active;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private int version;

    protected AnswerTemplate() {
    }

    AnswerTemplate(Instant at) {
        this.createdAt = at;
    }

    /** Sets what an administrator defines; the caller has checked the placeholders and the category. */
    void define(String categoryCode, Language language, String title, String body, boolean active, Instant at) {
        this.categoryCode = categoryCode;
        this.language = language;
        this.title = title;
        this.body = body;
        this.active = active;
        this.updatedAt = at;
    }

    void deactivate(Instant at) {
        if (active) {
            active = false;
            updatedAt = at;
        }
    }

    public Long id() {
        return id;
    }

    public String categoryCode() {
        return categoryCode;
    }

    public Language language() {
        return language;
    }

    public String title() {
        return title;
    }

    public String body() {
        return body;
    }

    public boolean active() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public int version() {
        return version;
    }
}
