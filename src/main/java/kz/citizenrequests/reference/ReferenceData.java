package kz.citizenrequests.reference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

/** Read access to regions, districts, branches and categories. */
@ApplicationScoped
public class ReferenceData {

    private final EntityManager em;

    public ReferenceData(EntityManager em) {
        this.em = em;
    }

    public List<Region> regions() {
        return em.createQuery("from Region order by code", Region.class).getResultList();
    }

    public List<District> districts() {
        return em.createQuery("from District order by code", District.class).getResultList();
    }

    public List<Branch> branches() {
        return em.createQuery("from Branch where active order by code", Branch.class).getResultList();
    }

    public List<Category> categories() {
        return em.createQuery("from Category where active order by sortOrder, code", Category.class).getResultList();
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(code == null ? null : em.find(Region.class, code));
    }

    public Optional<District> district(String code) {
        return Optional.ofNullable(code == null ? null : em.find(District.class, code));
    }

    public Optional<Branch> branch(String code) {
        return Optional.ofNullable(code == null ? null : em.find(Branch.class, code)).filter(Branch::active);
    }

    /** A branch by code, active or not: what an old request names must still have a name. */
    public Optional<Branch> branchEvenIfRetired(String code) {
        return Optional.ofNullable(code == null ? null : em.find(Branch.class, code));
    }

    /** A category by code, active or not. */
    public Optional<Category> categoryEvenIfRetired(String code) {
        return Optional.ofNullable(code == null ? null : em.find(Category.class, code));
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(code == null ? null : em.find(Category.class, code)).filter(Category::active);
    }
}
