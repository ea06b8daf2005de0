package kz.citizenrequests.casework;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Requests by tracking number, and the staff queue. */
@ApplicationScoped
public class RequestRepository implements PanacheRepository<Request> {

    public Optional<Request> findByTrackingNumber(String trackingNumber) {
        return find("trackingNumber", trackingNumber).firstResultOptional();
    }

    /** A citizen account's own requests, newest first (index requests_citizen_account_idx). */
    public List<Request> ownedBy(String citizenAccount, int page, int size) {
        return find("citizenAccount = ?1 order by receivedAt desc, id desc", citizenAccount)
                .range(page * size, page * size + size - 1).list();
    }

    /** One page of the queue, plus one row more to tell whether another page follows. */
    @SuppressWarnings("unchecked")
    public List<Request> queue(QueueQuery query) {
        QueueQuery.Sql sql = query.toSql();
        var nativeQuery = getEntityManager().createNativeQuery(sql.text(), Request.class);
        sql.parameters().forEach(nativeQuery::setParameter);
        return nativeQuery.setFirstResult(query.page() * query.size())
                .setMaxResults(query.size() + 1)
                .getResultList();
    }
}
