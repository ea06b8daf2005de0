package kz.citizenrequests.workbench;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.casework.CaseworkService.Performer;
import kz.citizenrequests.shared.Language;

import java.util.List;

/** The answer templates offered when resolving a request, already filled in for it. */
@ApplicationScoped
public class AnswerDrafts {

    public record Offered(String id, String title, String text) {
    }

    List<Offered> forRequest(String trackingNumber, Performer staff, Language language) {
        return List.of(); // wired to the answers feature in the next commit
    }
}
