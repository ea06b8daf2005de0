package kz.citizenrequests.reference;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kz.citizenrequests.reference.ReferenceViews.BranchView;
import kz.citizenrequests.reference.ReferenceViews.CategoryView;
import kz.citizenrequests.reference.ReferenceViews.DistrictView;
import kz.citizenrequests.reference.ReferenceViews.RegionView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The catalogues a client needs to fill in a request: regions, districts, branches, categories. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference data")
public class ReferenceResource {

    private final ReferenceData reference;

    public ReferenceResource(ReferenceData reference) {
        this.reference = reference;
    }

    @GET
    @PermitAll
    @Path("/regions")
    @Operation(summary = "List the regions of Kazakhstan")
    public List<RegionView> regions() {
        return reference.regions().stream().map(RegionView::of).toList();
    }

    @GET
    @PermitAll
    @Path("/districts")
    @Operation(summary = "List the districts known to routing")
    public List<DistrictView> districts() {
        return reference.districts().stream().map(DistrictView::of).toList();
    }

    @GET
    @PermitAll
    @Path("/branches")
    @Operation(summary = "List the active branches that answer requests")
    public List<BranchView> branches() {
        return reference.branches().stream().map(BranchView::of).toList();
    }

    @GET
    @PermitAll
    @Path("/categories")
    @Operation(summary = "List the categories a request can be filed under")
    public List<CategoryView> categories() {
        return reference.categories().stream().map(CategoryView::of).toList();
    }
}
