package kz.citizenrequests.reference;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ReferenceResourceTest {

    @Test
    void listsTheTwentyRegionsWithNamesInThreeLanguages() {
        given().get("/api/v1/regions").then()
                .statusCode(200)
                .body("$", hasSize(20))
                .body("code", hasItems("KZ-71", "KZ-75", "KZ-79", "KZ-10", "KZ-62", "KZ-63"))
                .body("names.kk", everyItem(notNullValue()))
                .body("names.ru", everyItem(notNullValue()))
                .body("names.en", everyItem(notNullValue()))
                .body("find { it.code == 'KZ-71' }.trackingPrefix", org.hamcrest.Matchers.equalTo("AST"));
    }

    @Test
    void listsBranchesWithARegionalBranchForEveryRegion() {
        given().get("/api/v1/branches").then()
                .statusCode(200)
                .body("findAll { it.kind == 'regional' }", hasSize(20))
                .body("code", hasItems("AST-RB", "AST-D01"))
                .body("names.en", everyItem(notNullValue()));
    }

    @Test
    void listsTheCategoryCatalogue() {
        given().get("/api/v1/categories").then()
                .statusCode(200)
                .body("code", hasItems("housing_utilities", "roads_transport", "healthcare", "education",
                        "social_support", "employment", "land_property", "public_safety", "ecology",
                        "agriculture", "business_support", "other"))
                .body("names.kk", everyItem(notNullValue()));
    }

    @Test
    void listsDistrictsWithTheirRegion() {
        given().get("/api/v1/districts").then()
                .statusCode(200)
                .body("region", hasItem("KZ-71"))
                .body("code", hasItem("KZ-71-01"));
    }
}
