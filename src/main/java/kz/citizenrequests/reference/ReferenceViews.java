package kz.citizenrequests.reference;

import kz.citizenrequests.shared.LocalizedText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the reference endpoints answer. */
public final class ReferenceViews {

    private ReferenceViews() {
    }

    @Schema(name = "Region")
    public record RegionView(
            @Schema(description = "ISO 3166-2:KZ code", examples = "KZ-71") String code,
            LocalizedText names,
            @Schema(description = "Prefix of this region's tracking numbers", examples = "AST") String trackingPrefix) {

        static RegionView of(Region region) {
            return new RegionView(region.code(), region.names(), region.prefix());
        }
    }

    @Schema(name = "District")
    public record DistrictView(
            @Schema(examples = "KZ-71-01") String code,
            @Schema(examples = "KZ-71") String region,
            LocalizedText names) {

        static DistrictView of(District district) {
            return new DistrictView(district.code(), district.regionCode(), district.names());
        }
    }

    @Schema(name = "Branch")
    public record BranchView(
            @Schema(examples = "AST-RB") String code,
            @Schema(enumeration = {"regional", "district"}) String kind,
            @Schema(examples = "KZ-71") String region,
            @Schema(nullable = true) String district,
            LocalizedText names) {

        static BranchView of(Branch branch) {
            return new BranchView(branch.code(), branch.kind(), branch.regionCode(), branch.districtCode(), branch.names());
        }
    }

    @Schema(name = "Category")
    public record CategoryView(
            @Schema(examples = "housing_utilities") String code,
            LocalizedText names,
            LocalizedText descriptions) {

        static CategoryView of(Category category) {
            return new CategoryView(category.code(), category.names(), category.descriptions());
        }
    }
}
