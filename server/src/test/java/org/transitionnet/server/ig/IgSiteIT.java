package org.transitionnet.server.ig;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;

/** The rendered implementation guide is readable at /ig/ without a token, while the FHIR data still needs one. */
class IgSiteIT extends ServerTestBase {

    private RawHttp anonymous() {
        return new RawHttp("http://localhost:" + port);
    }

    @Test
    void homePageIsServedWithoutAToken() {
        HttpResponse<String> home = anonymous().get("/ig/", "text/html");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(home.body())
                .contains("TransitionNet Implementation Guide", "href=\"artifacts.html\"", "not medical advice");
        assertThat(anonymous().get("/ig", "text/html").statusCode()).isIn(200, 302);
        assertThat(anonymous().get("/ig/style.css", "text/css").statusCode()).isEqualTo(200);
    }

    @Test
    void profilePageShowsItsDifferentialWithoutAToken() {
        HttpResponse<String> profile =
                anonymous().get("/ig/StructureDefinition-transition-observation.html", "text/html");

        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body())
                .contains(
                        "<h2>Differential</h2>",
                        "<code>Observation.component:baseline</code>",
                        "<h2>Snapshot summary</h2>");
    }

    @Test
    void aPageTheSiteDoesNotHaveIsNotFoundAndDataStillNeedsAToken() {
        assertThat(anonymous().get("/ig/no-such-page.html", "text/html").statusCode())
                .isEqualTo(404);
        assertThat(anonymous().get("/fhir/Patient").statusCode()).isEqualTo(401);
    }
}
