package kz.citizenrequests.reference;

import jakarta.enterprise.context.ApplicationScoped;
import kz.citizenrequests.shared.ReferenceStamp;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read access to regions, districts, branches and categories, served from a copy in memory
 * that follows the database's reference stamp ({@link ReferenceStamp}): no lookup costs a
 * round trip, and a change made anywhere is seen within the stamp's check period. What it
 * gives is read-only; the administration changes these tables through its own session.
 */
@ApplicationScoped
public class ReferenceData {

    /** The four tables, each by code in the order lists are shown. */
    private record Tables(Map<String, Region> regions, Map<String, District> districts, Map<String, Branch> branches,
                          Map<String, Category> categories) {
    }

    private final ReferenceStamp.Copy<Tables> tables;

    public ReferenceData(ReferenceStamp stamp) {
        this.tables = stamp.copy(session -> new Tables(
                byCode(session.createQuery("from Region order by code", Region.class).getResultList(), Region::code),
                byCode(session.createQuery("from District order by code", District.class).getResultList(), District::code),
                byCode(session.createQuery("from Branch order by code", Branch.class).getResultList(), Branch::code),
                byCode(session.createQuery("from Category order by sortOrder, code", Category.class).getResultList(),
                        Category::code)));
    }

    private static <T> Map<String, T> byCode(List<T> rows, Function<T, String> code) {
        Map<String, T> result = new LinkedHashMap<>();
        rows.forEach(row -> result.put(code.apply(row), row));
        return Collections.unmodifiableMap(result);
    }

    public List<Region> regions() {
        return List.copyOf(tables.get().regions().values());
    }

    public List<District> districts() {
        return List.copyOf(tables.get().districts().values());
    }

    /** Active branches by code. */
    public List<Branch> branches() {
        return tables.get().branches().values().stream().filter(Branch::active).toList();
    }

    /** Active categories in their display order. */
    public List<Category> categories() {
        return tables.get().categories().values().stream().filter(Category::active).toList();
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(code == null ? null : tables.get().regions().get(code));
    }

    public Optional<District> district(String code) {
        return Optional.ofNullable(code == null ? null : tables.get().districts().get(code));
    }

    public Optional<Branch> branch(String code) {
        return branchEvenIfRetired(code).filter(Branch::active);
    }

    /** A branch by code, active or not: what an old request names must still have a name. */
    public Optional<Branch> branchEvenIfRetired(String code) {
        return Optional.ofNullable(code == null ? null : tables.get().branches().get(code));
    }

    /** A category by code, active or not. */
    public Optional<Category> categoryEvenIfRetired(String code) {
        return Optional.ofNullable(code == null ? null : tables.get().categories().get(code));
    }

    public Optional<Category> category(String code) {
        return categoryEvenIfRetired(code).filter(Category::active);
    }

    /** The active regional branch of a region, if it has one. */
    public Optional<Branch> regionalBranch(String region) {
        return tables.get().branches().values().stream()
                .filter(b -> b.active() && "regional".equals(b.kind()) && b.regionCode().equals(region))
                .min(Comparator.comparing(Branch::code));
    }
}
