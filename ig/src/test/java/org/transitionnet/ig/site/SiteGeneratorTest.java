package org.transitionnet.ig.site;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rendered IG generated from the built package and ig/pages. */
class SiteGeneratorTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

    private static PackageContents contents;
    private static Map<String, String> site;

    @BeforeAll
    static void generate() throws IOException {
        Path packageTgz = Path.of(System.getProperty("transitionnet.ig.package", "target/package.tgz"));
        Path pages = Path.of(System.getProperty("transitionnet.ig.pages", "pages"));
        contents = PackageContents.read(packageTgz, CTX);
        site = new SiteGenerator(CTX).generate(packageTgz, pages);
    }

    @Test
    void profilePageListsEveryDifferentialElementAndSummarizesTheSnapshot() {
        StructureDefinition profile = (StructureDefinition) resource("StructureDefinition", "transition-observation");
        String page = site.get("StructureDefinition-transition-observation.html");

        assertThat(profile.getDifferential().getElement()).isNotEmpty();
        profile.getDifferential()
                .getElement()
                .forEach(e -> assertThat(page).contains("<code>" + Html.escape(e.getId()) + "</code>"));
        assertThat(page)
                .contains(
                        "<h2>Differential</h2>",
                        "<h2>Snapshot summary</h2>",
                        profile.getSnapshot().getElement().size() + " elements in the snapshot");
        // binding, fixed value and invariant of the profile
        assertThat(page)
                .contains(
                        "<a href=\"ValueSet-state-variable.html\">state-variable</a> (required)",
                        "fixed: <code>http://unitsofmeasure.org</code>",
                        "<code>tn-transition-1</code>");
    }

    @Test
    void everyInternalLinkPointsToAGeneratedFile() {
        List<String> broken = new ArrayList<>();
        site.forEach((file, content) -> {
            Matcher m = HREF.matcher(content);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
                String targetFile = path.isEmpty() ? file : path;
                if (!site.containsKey(targetFile)
                        || (!anchor.isEmpty() && !site.get(targetFile).contains("id=\"" + anchor + "\""))) {
                    broken.add(file + " -> " + target);
                }
            }
        });
        assertThat(site).hasSizeGreaterThan(contents.all().size());
        assertThat(broken).isEmpty();
    }

    @Test
    void everyResourceOfThePackageHasAPageListedInTheArtifactIndex() {
        String artifacts = site.get("artifacts.html");
        for (Resource r : contents.all()) {
            assertThat(site).containsKey(SiteLinks.fileOf(r));
            assertThat(artifacts).contains("href=\"" + SiteLinks.fileOf(r) + "\"");
        }
    }

    @Test
    void everyPageHasTheNavigationTheStylesheetAndTheDisclaimerAndNoScript() {
        site.forEach((file, content) -> {
            if (file.endsWith(".html")) {
                assertThat(content)
                        .as(file)
                        .contains(
                                "<link rel=\"stylesheet\" href=\"style.css\">",
                                "href=\"index.html\"",
                                "href=\"artifacts.html\"",
                                "not medical advice")
                        .doesNotContainIgnoringCase("<script");
            }
        });
        assertThat(site).containsKey("style.css");
    }

    @Test
    void markdownPagesAreRenderedWithLinksBetweenPagesRewritten() {
        assertThat(site).containsKeys("index.html", "safety.html", "data-model.html");
        assertThat(site.get("index.html"))
                .contains("<a href=\"safety.html\">Safety boundary</a>")
                .doesNotContain(".md\"");
        assertThat(site.get("data-model.html")).contains("<h1>Data model</h1>", "<table>");
        // navigation follows the order of the home page's links
        String nav = site.get("safety.html");
        assertThat(nav.indexOf("href=\"data-model.html\""))
                .isPositive()
                .isLessThan(nav.indexOf("href=\"deidentification.html\""));
    }

    @Test
    void terminologyPagesListConceptsAndMappings() {
        assertThat(site.get("CodeSystem-transition-direction.html"))
                .contains("<code>improved</code>", "<code>worsened</code>", "<code>unchanged</code>");
        assertThat(site.get("ConceptMap-loinc-to-state-variable.html"))
                .contains("<code>4548-4</code>", "<code>hba1c</code>");
        assertThat(site.get("ValueSet-transition-direction.html"))
                .contains("<a href=\"CodeSystem-transition-direction.html\">");
    }

    @Test
    void examplePagesShowTheirJsonAndLinkTheirProfiles() {
        String page = site.get("Observation-tn-example-hba1c-transition.html");
        assertThat(page)
                .contains(
                        "href=\"StructureDefinition-transition-observation.html\"",
                        "&quot;resourceType&quot;: &quot;Observation&quot;");
        assertThat(site.get("StructureDefinition-transition-observation.html"))
                .contains("href=\"Observation-tn-example-hba1c-transition.html\"");
    }

    @Test
    void searchParameterPageShowsItsExpression() {
        assertThat(site.get("SearchParameter-transition-direction.html"))
                .contains("<th>Expression</th>", "<code>direction</code>", "Observation");
    }

    @Test
    void operationPageListsParametersAndTheirParts() {
        OperationDefinition od = new OperationDefinition();
        od.setId("example-op");
        od.setUrl("http://transitionnet.org/fhir/OperationDefinition/example-op");
        od.setName("ExampleOp");
        od.setCode("example-op");
        od.setKind(OperationDefinition.OperationKind.OPERATION);
        od.addResource("Patient");
        od.setInstance(true);
        od.addParameter()
                .setName("_since")
                .setUse(OperationParameterUse.IN)
                .setMin(0)
                .setMax("1")
                .setType("instant")
                .setDocumentation("Only *changed* resources");
        OperationDefinition.OperationDefinitionParameterComponent out = od.addParameter()
                .setName("result")
                .setUse(OperationParameterUse.OUT)
                .setMin(1)
                .setMax("*");
        out.addPart()
                .setName("direction")
                .setUse(OperationParameterUse.OUT)
                .setMin(1)
                .setMax("1")
                .setType("code")
                .getBinding()
                .setStrength(Enumerations.BindingStrength.REQUIRED)
                .setValueSet("http://transitionnet.org/fhir/ValueSet/transition-direction");

        ResourcePage kind = SiteGenerator.pageFor(od);
        String body = kind.body(od, new RenderContext(contents, new SiteLinks(contents), CTX));

        assertThat(kind).isInstanceOf(OperationDefinitionPage.class);
        assertThat(kind.title(od)).startsWith("$example-op");
        assertThat(body)
                .contains(
                        "<td><code>_since</code></td><td>in</td><td>0..1</td><td>instant</td>",
                        "<em>changed</em>",
                        "<td>&nbsp;&nbsp;<code>direction</code></td><td>out</td>",
                        "<a href=\"ValueSet-transition-direction.html\">transition-direction</a> (required)");
    }

    @Test
    void aResourceTypeWithoutItsOwnPageKindGetsTheGenericPage() {
        ImplementationGuide ig = new ImplementationGuide();
        ig.setId("transitionnet");
        ig.setUrl("http://transitionnet.org/fhir/ImplementationGuide/transitionnet");
        ig.setName("TransitionNetIG");

        ResourcePage kind = SiteGenerator.pageFor(ig);
        String body = kind.body(ig, new RenderContext(contents, new SiteLinks(contents), CTX));

        assertThat(kind).isInstanceOf(GenericResourcePage.class);
        assertThat(ArtifactKind.of(ig)).isEqualTo(ArtifactKind.OTHER);
        assertThat(body).contains("TransitionNetIG", "&quot;resourceType&quot;: &quot;ImplementationGuide&quot;");
    }

    private static Resource resource(String type, String id) {
        return contents.all().stream()
                .filter(r -> r.fhirType().equals(type)
                        && r.getIdElement().getIdPart().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
