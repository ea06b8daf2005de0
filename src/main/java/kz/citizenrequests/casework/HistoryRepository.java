package kz.citizenrequests.casework;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The append-only history of acts on requests. */
@ApplicationScoped
public class HistoryRepository implements PanacheRepository<HistoryEntry> {

    public List<HistoryEntry> of(Request request) {
        return list("request = ?1 order by id", request);
    }

    public List<HistoryEntry> publicOf(Request request) {
        return list("request = ?1 and publicEntry = true order by id", request);
    }
}
