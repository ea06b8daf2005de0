package kz.citizenrequests.reference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.LocalizedText;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.ReferenceStamp;

import java.util.List;

/** Administrators define branches and categories; existing requests keep the codes they have. */
@ApplicationScoped
@Transactional
public class ReferenceAdministration {

    private final EntityManager em;
    private final ReferenceStamp stamp;

    public ReferenceAdministration(EntityManager em, ReferenceStamp stamp) {
        this.em = em;
        this.stamp = stamp;
    }

    /** Creates or redefines a branch. At most one active regional branch per region (409 otherwise). */
    public Branch defineBranch(String code, String kind, String region, String district, LocalizedText names, boolean active) {
        if (em.find(Region.class, region) == null) {
            throw new InvalidInputException("region", "unknown region code");
        }
        if ("district".equals(kind)) {
            District known = district == null ? null : em.find(District.class, district);
            if (known == null || !known.regionCode().equals(region)) {
                throw new InvalidInputException("district", "a district branch needs a district of its region");
            }
        } else if (district != null) {
            throw new InvalidInputException("district", "a regional branch has no district");
        }
        stamp.changedHere();
        Branch branch = em.find(Branch.class, code);
        if (branch == null) {
            branch = new Branch(code);
            branch.define(kind, region, district, names, active);
            em.persist(branch);
        } else {
            branch.define(kind, region, district, names, active);
        }
        flushOrConflict("Region " + region + " already has an active regional branch.");
        return branch;
    }

    public Category defineCategory(String code, LocalizedText names, LocalizedText descriptions, int sortOrder, boolean active) {
        stamp.changedHere();
        Category category = em.find(Category.class, code);
        if (category == null) {
            category = new Category(code);
            category.define(names, descriptions, sortOrder, active);
            em.persist(category);
        } else {
            category.define(names, descriptions, sortOrder, active);
        }
        return category;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Branch> allBranches() {
        return em.createQuery("from Branch order by code", Branch.class).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Category> allCategories() {
        return em.createQuery("from Category order by sortOrder, code", Category.class).getResultList();
    }

    private void flushOrConflict(String detail) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw new ProblemException(409, "conflict", "Conflict", detail);
        }
    }
}
