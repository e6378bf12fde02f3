package org.transitionnet.server.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/**
 * The trajectory viewer as a user runs it, in headless Chromium: standalone launch, styled login, patient picker
 * with search, token, {@code $trajectory}, chart with legend, labelled action start, transition details on hover
 * and in a table, and a reload that keeps the session. Leaves {@code target/trajectory-viewer.png} behind.
 * Needs Debian's {@code chromium} and {@code chromium-driver} (installed by {@code .ci/run}); skipped without them.
 */
class TrajectoryViewerBrowserIT extends ServerTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,1400");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .build(),
                options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void viewerIsServedWithoutTokenAndUsesNoExternalScripts() {
        var page = new RawHttp("http://localhost:" + port).get("/apps/trajectory/", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("smart-launch.js")
                .doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void loginPageStylesheetIsServedWithoutToken() {
        var css = new RawHttp("http://localhost:" + port).get("/default-ui.css", "text/css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
    }

    @Test
    void standaloneLaunchEndsWithTheTrajectoryChartDrawn() throws Exception {
        String family = "Viewer" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Patient named = new Patient().setActive(true);
        named.addName().setFamily(family).addGiven("Test");
        String patient = client.create().resource(named).execute().getId().getIdPart();
        LocalDate first = LocalDate.of(2024, 1, 10);
        double[] values = {8.1, 7.6, 7.0};
        for (int i = 0; i < values.length; i++) {
            Observation hba1c = new Observation()
                    .setStatus(Observation.ObservationStatus.FINAL)
                    .setSubject(new Reference("Patient/" + patient))
                    .setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c")))
                    .setEffective(new DateTimeType(
                            Date.from(first.plusDays(120L * i).atStartOfDay().toInstant(ZoneOffset.UTC))))
                    .setValue(new Quantity(values[i])
                            .setUnit("%")
                            .setSystem("http://unitsofmeasure.org")
                            .setCode("%"));
            client.create().resource(hba1c).execute();
        }
        MedicationRequest metformin = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setMedication(new CodeableConcept(
                        new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "860975", "Metformin")))
                .setSubject(new Reference("Patient/" + patient))
                .setAuthoredOn(Date.from(first.plusDays(30).atStartOfDay().toInstant(ZoneOffset.UTC)));
        client.create().resource(metformin).execute();
        awaitDerivedTransitions(patient);

        browser.get("http://localhost:" + port + "/apps/trajectory/?client_id=" + TestSecurity.LAUNCH_CLIENT);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")))
                .sendKeys(TestSecurity.USER);
        browser.findElement(By.name("password")).sendKeys(TestSecurity.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        // The picker lists at most 200 patients: the search finds this one by name.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("patient-search")))
                .sendKeys(family);
        browser.findElement(By.id("search")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient-count"), "1 patient matching"));
        assertThat(browser.findElements(By.cssSelector("input[data-patient-id]")))
                .hasSize(1);
        browser.findElement(By.cssSelector("input[data-patient-id='" + patient + "']"))
                .click();
        browser.findElement(By.id("select")).click();

        awaitRendered(wait);
        saveScreenshot();
        assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-error"))
                .isNull();

        List<WebElement> charts = browser.findElements(By.cssSelector("section.chart"));
        assertThat(charts).extracting(c -> c.getDomAttribute("data-variable")).contains("hba1c");
        WebElement hba1c = browser.findElement(By.cssSelector("section.chart[data-variable='hba1c']"));
        assertThat(hba1c.getDomAttribute("data-points")).isEqualTo("3");
        String series = hba1c.findElement(By.cssSelector("polyline.series")).getDomAttribute("points");
        assertThat(series.trim().split("\\s+")).hasSize(3);
        assertThat(hba1c.findElements(By.cssSelector("circle.point"))).hasSize(3);
        assertThat(hba1c.findElements(By.cssSelector("rect.intervention"))).isNotEmpty();
        assertThat(hba1c.findElements(By.cssSelector("line.transition"))).isNotEmpty();
        assertThat(browser.findElement(By.id("status")).getText()).contains("Patient/" + patient);

        assertThat(hba1c.findElements(By.cssSelector(".legend li")))
                .extracting(e -> e.getDomAttribute("data-legend"))
                .containsExactly("series", "intervention", "transition");
        assertThat(hba1c.findElement(By.cssSelector("text.intervention-start")).getText())
                .isEqualTo("start 2024-02-09");
        WebElement row = hba1c.findElement(By.cssSelector("table.transitions tbody tr"));
        assertThat(row.findElement(By.cssSelector("td.delta")).getText())
                .startsWith("-")
                .endsWith("%");
        assertThat(row.findElement(By.cssSelector("td.direction")).getText()).isNotBlank();
        assertThat(row.findElement(By.cssSelector("td.confidence")).getText()).matches("0\\.\\d+|1");
        String hover =
                hba1c.findElement(By.cssSelector("line.transition title")).getDomProperty("textContent");
        assertThat(hover)
                .contains("Δ -")
                .contains("confidence")
                .contains(row.findElement(By.cssSelector("td.direction")).getText());

        // A reload keeps the SMART session: no new login or patient picker, the same chart again.
        browser.navigate().refresh();
        awaitRendered(wait);
        assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-error"))
                .isNull();
        assertThat(browser.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/apps/trajectory/");
        assertThat(browser.findElements(By.cssSelector("section.chart[data-variable='hba1c'] circle.point")))
                .hasSize(3);
    }

    private static void awaitRendered(WebDriverWait wait) {
        // The page may still be navigating (redirects of the launch): a body seen a moment ago can go stale.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver ->
                        "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-rendered"))
                                || driver.findElement(By.tagName("body")).getDomAttribute("data-error") != null);
    }

    /** Derivation runs in the background after writes; the chart should show its result. */
    private void awaitDerivedTransitions(String patient) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            Bundle transitions = client.operation()
                    .onInstance(new IdType("Patient", patient))
                    .named("$transitions")
                    .withNoParameters(Parameters.class)
                    .returnResourceType(Bundle.class)
                    .useHttpGet()
                    .execute();
            if (transitions.getEntry().stream()
                    .anyMatch(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no transitions derived for Patient/" + patient);
    }

    private void saveScreenshot() throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "trajectory-viewer.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
