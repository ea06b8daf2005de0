package kz.citizenrequests;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service. Before Quarkus starts it turns off Quarkus' own check of the request
 * URI, which answers a URI that is not valid percent-encoded UTF-8 with a bare 400 before
 * any code of ours runs; {@code shared.HttpRefusals} makes the same check and answers it as
 * a problem document. (Dev mode and the tests set the same property in pom.xml.)
 */
@QuarkusMain
public final class CitizenRequestsMain {

    static final String URI_VALIDATION = "vertx.disableURIValidation";

    private CitizenRequestsMain() {
    }

    public static void main(String... args) {
        if (System.getProperty(URI_VALIDATION) == null) {
            System.setProperty(URI_VALIDATION, "true");
        }
        Quarkus.run(args);
    }
}
