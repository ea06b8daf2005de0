package kz.citizenrequests.reference;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import kz.citizenrequests.shared.InvalidInputException;
import kz.citizenrequests.shared.LocalizedText;
import kz.citizenrequests.shared.ParameterReader;
import kz.citizenrequests.shared.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administrators keep the reference data: branches and categories, active or not. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
@Tag(name = "Administration")
public class ReferenceAdministrationResource {

    private final ReferenceAdministration reference;

    public ReferenceAdministrationResource(ReferenceAdministration reference) {
        this.reference = reference;
    }

    @Schema(name = "NamesCommand", description = "A text in Kazakh, Russian and English")
    public record NamesCommand(@NotBlank @Size(max = 200) @Schema(required = true) String kk,
                               @NotBlank @Size(max = 200) @Schema(required = true) String ru,
                               @NotBlank @Size(max = 200) @Schema(required = true) String en) {
        LocalizedText text() {
            return new LocalizedText(kk.trim(), ru.trim(), en.trim());
        }
    }

    @Schema(name = "BranchCommand")
    public record BranchCommand(
            @NotNull @Pattern(regexp = "regional|district") @Schema(required = true, enumeration = {"regional", "district"}) String kind,
            @NotBlank @Size(max = 8) @Schema(required = true, examples = "KZ-71") String region,
            @Size(max = 16) @Schema(description = "Required for a district branch") String district,
            @NotNull @Valid @Schema(required = true) NamesCommand names,
            @NotNull @Schema(required = true, description = "false closes the branch to routing and forwarding") Boolean active) {
    }

    @Schema(name = "CategoryCommand")
    public record CategoryCommand(
            @NotNull @Valid @Schema(required = true) NamesCommand names,
            @NotNull @Valid @Schema(required = true) NamesCommand descriptions,
            @NotNull @Schema(required = true) Integer sortOrder,
            @NotNull @Schema(required = true, description = "false removes it from the catalogue for new requests") Boolean active) {
    }

    @Schema(name = "AdminBranch")
    public record AdminBranchView(String code, String kind, String region, @Schema(nullable = true) String district,
                                  LocalizedText names, boolean active) {
        static AdminBranchView of(Branch branch) {
            return new AdminBranchView(branch.code(), branch.kind(), branch.regionCode(), branch.districtCode(),
                    branch.names(), branch.active());
        }
    }

    @Schema(name = "AdminCategory")
    public record AdminCategoryView(String code, LocalizedText names, LocalizedText descriptions, int sortOrder, boolean active) {
        static AdminCategoryView of(Category category) {
            return new AdminCategoryView(category.code(), category.names(), category.descriptions(), category.sortOrder(),
                    category.active());
        }
    }

    @GET
    @Path("/branches")
    @Operation(summary = "List all branches, active or not")
    @APIResponse(responseCode = "200", description = "The branches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminBranchView[].class)))
    public List<AdminBranchView> branches() {
        return reference.allBranches().stream().map(AdminBranchView::of).toList();
    }

    @PUT
    @Path("/branches/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or redefine a branch")
    @APIResponse(responseCode = "200", description = "The branch as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminBranchView.class)))
    @APIResponse(responseCode = "400", description = "Invalid code or body")
    @APIResponse(responseCode = "409", description = "The region already has an active regional branch")
    public AdminBranchView defineBranch(@PathParam("code") String code, @Valid @NotNull BranchCommand command) {
        return AdminBranchView.of(reference.defineBranch(code(code, 16), command.kind(), command.region().trim(),
                ParameterReader.trimToNull(command.district()), command.names().text(), command.active()));
    }

    @GET
    @Path("/categories")
    @Operation(summary = "List all categories, active or not")
    @APIResponse(responseCode = "200", description = "The categories",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminCategoryView[].class)))
    public List<AdminCategoryView> categories() {
        return reference.allCategories().stream().map(AdminCategoryView::of).toList();
    }

    @PUT
    @Path("/categories/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or redefine a category")
    @APIResponse(responseCode = "200", description = "The category as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminCategoryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid code or body")
    public AdminCategoryView defineCategory(@PathParam("code") String code, @Valid @NotNull CategoryCommand command) {
        if (!code.matches("[a-z][a-z_]{1,31}")) {
            throw new InvalidInputException("code", "lower-case letters and '_', 2 to 32 characters");
        }
        return AdminCategoryView.of(reference.defineCategory(code, command.names().text(), command.descriptions().text(),
                command.sortOrder(), command.active()));
    }

    private static String code(String value, int max) {
        if (value == null || !value.matches("[A-Z0-9-]{2," + max + "}")) {
            throw new InvalidInputException("code", "upper-case letters, digits and '-', at most " + max + " characters");
        }
        return value;
    }

}
