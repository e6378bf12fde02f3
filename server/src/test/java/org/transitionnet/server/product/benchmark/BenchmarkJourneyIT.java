package org.transitionnet.server.product.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.AuditEvent;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.support.AuditEventSearch;
import org.transitionnet.server.support.DatasetBuildClient;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/**
 * The researcher's journey as docs/benchmark.md tells it, on the Synthea population: the benchmark client
 * ({@code tools/benchmark-client.py}, a separate Python process) builds a version as the quick start's data
 * steward ({@code benchmark-steward}, {@code benchmark/*.build}), then, as the quick start's researcher
 * ({@code benchmark-researcher}, {@code benchmark/*.read benchmark/*.submit}), each a SMART Backend Services
 * client with its committed demo key, downloads the train split, fits its baseline and submits tuning and
 * held-out predictions; the leaderboard page, in headless Chromium, shows the version, the card, the shipped
 * baselines and the client's model with a reliability diagram each. Also: which scopes reach which benchmark
 * operation, and the AuditEvents of builds, downloads and evaluations.
 */
class BenchmarkJourneyIT extends ServerTestBase {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String MODEL = "journey-client-model";

    private static JsonNode built;
    private static String clientOutput;
    private static Instant journeyStart;

    @Autowired
    private TaskCatalog tasks;

    private WebDriver browser;

    @BeforeEach
    void aVersionBuiltAndScoredByTheResearcherClient() throws Exception {
        if (built != null) {
            return;
        }
        journeyStart = Instant.now().minusSeconds(1);
        derivedPopulation();

        // Building is the data steward's: the client's defaults are the quick start's steward and its demo key.
        ProcessResult build = python(List.of("build", "--k", "1", "--min-held-out", "1"));
        assertThat(build.exitCode()).as(build.output()).isZero();
        built = DatasetBuildClient.json(build.output()
                .substring(build.output().indexOf('{'), build.output().lastIndexOf('}') + 1));
        assertThat(built.path("datasetId").asText()).startsWith("ds-");

        // The researcher: SMART Backend Services with its own key (private_key_jwt, RS384), benchmark read and submit
        // only; the client's defaults are the quick start's researcher and its demo key.
        ProcessResult baseline =
                python(List.of("baseline", "--dataset", built.path("datasetId").asText(), "--model-name", MODEL));
        assertThat(baseline.exitCode()).as(baseline.output()).isZero();
        clientOutput = baseline.output();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theClientFitsOnTrainAndItsTuningAndHeldOutScoresAreStored() {
        String datasetId = built.path("datasetId").asText();
        for (JsonNode task : built.path("tasks")) {
            assertThat(clientOutput)
                    .contains(task.asText() + ": fitted on")
                    .containsPattern("tuning +\\d+ predicted, 0 missing")
                    .containsPattern("held_out +(withheld|released|not released)")
                    .contains("directional-accuracy");
        }
        assertThat(clientOutput).contains("not for individual care");
        Integer stored = jdbc.queryForObject(
                "SELECT COUNT(*) FROM tn_bench_submission WHERE dataset_id = ? AND model_name = ? "
                        + "AND client_id = ? AND baseline = FALSE",
                Integer.class,
                datasetId,
                MODEL,
                TestSecurity.BENCHMARK_RESEARCHER);
        assertThat(stored).isEqualTo(2 * built.path("tasks").size());
    }

    /**
     * The committed population, built with a lowered held-out threshold: a demonstration version, so marked; its held-out
     * answers (the client's and the baselines' on the leaderboard) carry no per-record detail: no reliability table, no
     * counts, and with fewer than 20 held-out records no score at all.
     */
    @Test
    void aDemonstrationVersionIsMarkedAndItsHeldOutAnswersCarryNoPerRecordDetail() throws Exception {
        String datasetId = built.path("datasetId").asText();
        JsonNode board = DatasetBuildClient.json(http.get("/$leaderboard?dataset=" + datasetId, "application/json")
                .body());
        assertThat(board.path("dataset").path("demonstration").asText()).contains("demonstration, not a benchmark");
        JsonNode listing = DatasetBuildClient.json(
                http.get("/$datasets?dataset=" + datasetId, "application/json").body());
        assertThat(listing.toString()).contains("demonstration, not a benchmark");
        assertThat(http.get("/$dataset-card?dataset=" + datasetId + "&_format=markdown")
                        .body())
                .contains("Demonstration, not a benchmark");
        for (JsonNode task : board.path("tasks")) {
            assertThat(task.path("rankedBy").asText()).isEqualTo("mae-skill");
            int heldOutRecords = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM tn_bench_label WHERE dataset_id = ? AND task_id = ? AND split = 'held_out'",
                    Integer.class,
                    datasetId,
                    task.path("task").asText());
            for (JsonNode entry : task.path("splits").path("held_out")) {
                assertThat(entry.has("reliability")).as(entry.toString()).isFalse();
                assertThat(entry.has("predicted")).isFalse();
                assertThat(entry.has("missing")).isFalse();
                if (heldOutRecords < 20) {
                    assertThat(entry.path("metrics").size()).isZero();
                    assertThat(entry.path("heldOutRelease").path("withheld").asText())
                            .contains("fewer than the 20");
                }
            }
        }
        // The client's own held-out answers as stored for the leaderboard: the same form.
        for (String metrics : jdbc.queryForList(
                "SELECT metrics FROM tn_bench_submission WHERE dataset_id = ? AND split = 'held_out' "
                        + "AND baseline = FALSE",
                String.class,
                datasetId)) {
            assertThat(DatasetBuildClient.json(metrics).has("heldOut")).isTrue();
        }
    }

    /**
     * The card's plots: one SVG per task whose train or tuning split shows statistics, drawn from the stored card
     * (titled and described, the train and tuning medians as the card prints them, no held_out row); a task whose
     * splits show counts only has none (404).
     */
    @Test
    void eachTasksPlotShowsItsTrainAndTuningSplitsAsTheCardReleasesThem() throws Exception {
        String datasetId = built.path("datasetId").asText();
        assertThat(plottedTasks(datasetId)).isNotEmpty();
        String svg = "/$dataset-card?dataset=" + datasetId + "&_format=svg";
        assertThat(http.get(svg, "image/svg+xml").statusCode()).as("no task").isEqualTo(400);
        assertThat(http.get(svg + "&task=no-such-task", "image/svg+xml").statusCode())
                .isEqualTo(404);
    }

    /** The tasks with a plot, each plot checked against the card's JSON. */
    private Set<String> plottedTasks(String datasetId) {
        JsonNode card = DatasetBuildClient.json(
                http.get("/$dataset-card?dataset=" + datasetId + "&_format=json", "application/json")
                        .body());
        Set<String> plotted = new TreeSet<>();
        for (JsonNode task : card.path("tasks")) {
            String id = task.path("id").asText();
            HttpResponse<String> answer =
                    http.get("/$dataset-card?dataset=" + datasetId + "&_format=svg&task=" + id, "image/svg+xml");
            List<String> released = new ArrayList<>();
            for (String split : List.of("train", "tuning")) {
                if (!task.path("splits").path(split).has("statistics")) {
                    released.add(split);
                }
            }
            if (released.isEmpty()) {
                assertThat(answer.statusCode()).as(id).isEqualTo(404);
                continue;
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("image/svg+xml");
            assertThat(answer.body())
                    .contains("<title>", "<desc>", "(" + task.path("changeUnit").asText() + ")")
                    .doesNotContain("held_out");
            for (String split : released) {
                JsonNode baseline = task.path("splits").path(split).path("baseline");
                if (baseline.path("n").asInt() > 0) {
                    assertThat(answer.body())
                            .contains("data-split=\"" + split + "\"")
                            .contains(split + ": n " + baseline.path("n").asText() + ", q1 "
                                    + baseline.path("q1").asText() + ", median "
                                    + baseline.path("median").asText());
                }
            }
            plotted.add(id);
        }
        return plotted;
    }

    @Test
    void theLeaderboardPageShowsTheVersionCardBaselinesAndTheSubmission() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1600");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .build(),
                options);
        String datasetId = built.path("datasetId").asText();
        String task = built.path("tasks").get(0).asText();

        browser.get("http://localhost:" + port + "/apps/benchmark/?client_id=" + TestSecurity.BENCHMARK_VIEWER
                + "&dataset=" + datasetId);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")))
                .sendKeys(TestSecurity.USER);
        browser.findElement(By.name("password")).sendKeys(TestSecurity.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver ->
                        "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-rendered"))
                                || driver.findElement(By.tagName("body")).getDomAttribute("data-error") != null);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "benchmark-page.png"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-error"))
                .isNull();

        assertThat(browser.findElement(By.id("version")).getDomProperty("value"))
                .isEqualTo(datasetId);
        assertThat(browser.findElement(By.id("task")).getDomProperty("value")).isEqualTo(task);
        assertThat(browser.findElement(By.id("boundary")).getText())
                .isEqualTo(tasks.task(task).orElseThrow().safetyBoundary());
        // Held out: the baselines' rounded (or withheld) scores, no reliability diagram; the client's model only once
        // released.
        WebElement heldOutBoard = browser.findElement(By.cssSelector("table.board[data-split='held_out']"));
        assertThat(heldOutBoard.findElements(By.cssSelector("tr.entry.baseline")))
                .hasSize(3);
        assertThat(heldOutBoard.findElements(By.cssSelector("svg.reliability"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("p.demonstration")).getText())
                .contains("demonstration, not a benchmark");
        for (String split : List.of("tuning")) {
            WebElement board = browser.findElement(By.cssSelector("table.board[data-split='" + split + "']"));
            List<String> models = board.findElements(By.cssSelector("tr.entry")).stream()
                    .map(e -> e.getDomAttribute("data-model"))
                    .toList();
            assertThat(models)
                    .as(split)
                    .contains(MODEL, "baseline-no-change", "baseline-class-mean", "baseline-linear-regression");
            assertThat(board.findElements(By.cssSelector("tr.entry.baseline"))).hasSize(3);
            WebElement mine = board.findElement(By.cssSelector("tr.entry[data-model='" + MODEL + "']"));
            assertThat(mine.findElements(By.cssSelector("svg.reliability"))).hasSize(1);
            // One bar per confidence bin holding predictions: none only when the split has no record.
            int predicted =
                    Integer.parseInt(mine.findElements(By.tagName("td")).get(3).getText());
            assertThat(mine.findElements(By.cssSelector("svg.reliability rect.bar"))
                            .isEmpty())
                    .as(split)
                    .isEqualTo(predicted == 0);
        }
        // The card, rendered from its Markdown: a heading, tables and the safety boundary.
        WebElement card = browser.findElement(By.id("card"));
        assertThat(card.findElements(By.tagName("h1"))).isNotEmpty();
        assertThat(card.findElements(By.tagName("table"))).isNotEmpty();
        assertThat(card.getText()).contains(datasetId).contains("not for individual care");
        // The plots: in the card under each task that has one, the selected task's above the leaderboard; titled and
        // described, never a held_out row.
        Set<String> plotted = plottedTasks(datasetId);
        assertThat(card.findElements(By.cssSelector("figure.plots")))
                .extracting(f -> f.getDomAttribute("data-task"))
                .containsExactlyInAnyOrderElementsOf(plotted);
        assertThat(browser.findElements(By.cssSelector("#leaderboard figure.plots svg.distribution")))
                .hasSize(plotted.contains(task) ? 1 : 0);
        for (WebElement plot : browser.findElements(By.cssSelector("figure.plots svg.distribution"))) {
            assertThat(plot.findElements(By.cssSelector(":scope > title"))).hasSize(1);
            assertThat(plot.findElements(By.cssSelector(":scope > desc"))).hasSize(1);
            assertThat(plot.findElements(By.cssSelector("[data-split='held_out']")))
                    .isEmpty();
            assertThat(plot.findElements(By.cssSelector("g.split"))).isNotEmpty();
        }
    }

    @Test
    void readingScoringAndBuildingEachNeedTheirBenchmarkScopeAndNoClinicalScopeReachesThem() {
        String datasetId = built.path("datasetId").asText();
        String file = "/$dataset-file?dataset=" + datasetId + "&path=card.json";
        String evaluate = "/$evaluate";
        String body = "{\"dataset\":\"" + datasetId + "\",\"task\":\""
                + built.path("tasks").get(0).asText()
                + "\",\"split\":\"tuning\",\"model\":{\"name\":\"access-check\"},\"predictions\":[]}";

        RawHttp reader = as("benchmark/*.read", null);
        assertThat(reader.get("/$datasets", "application/json").statusCode()).isEqualTo(200);
        assertThat(reader.get("/$leaderboard?dataset=" + datasetId, "application/json")
                        .statusCode())
                .isEqualTo(200);
        assertThat(reader.get("/$dataset-card?dataset=" + datasetId + "&_format=json", "application/json")
                        .statusCode())
                .isEqualTo(200);
        assertThat(reader.get(file, "application/json").statusCode()).isEqualTo(200);
        assertThat(reader.postJson(evaluate, body).statusCode()).isEqualTo(403);
        assertThat(reader.post("/$dataset-build", "{\"resourceType\":\"Parameters\"}")
                        .statusCode())
                .isEqualTo(403);

        RawHttp researcher = as("benchmark/*.read benchmark/*.submit", null);
        assertThat(researcher.get(file, "application/json").statusCode()).isEqualTo(200);
        assertThat(researcher.postJson(evaluate, body).statusCode()).isEqualTo(200);
        assertThat(researcher
                        .post("/$dataset-build", "{\"resourceType\":\"Parameters\"}")
                        .statusCode())
                .isEqualTo(403);

        // A build without Prefer: respond-async passes authorization and is refused by the operation (400).
        assertThat(as("benchmark/*.build", null)
                        .post("/$dataset-build", "{\"resourceType\":\"Parameters\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(as("benchmark/*.build", null)
                        .get("/$datasets", "application/json")
                        .statusCode())
                .as("build does not imply read")
                .isEqualTo(403);
        assertThat(as("system/Observation.crs", null)
                        .post("/$dataset-build", "{\"resourceType\":\"Parameters\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(as("system/Observation.rs", null)
                        .get(file, "application/json")
                        .statusCode())
                .isEqualTo(403);
        assertThat(as("user/Observation.rs", null)
                        .get("/$datasets", "application/json")
                        .statusCode())
                .isEqualTo(403);
        assertThat(as("system/Patient.rs", null)
                        .get("/$datasets", "application/json")
                        .statusCode())
                .isEqualTo(403);
        assertThat(as("patient/Observation.rs", "some-patient")
                        .get("/$datasets", "application/json")
                        .statusCode())
                .isEqualTo(403);
        assertThat(as("user/Observation.rs?category=laboratory", null)
                        .get("/$datasets", "application/json")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void buildsDownloadsAndEvaluationsAreAudited() {
        AuditEventSearch audit = new AuditEventSearch(client, journeyStart);
        assertThat(audit.eventsFor("$dataset-build")).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
            assertThat(e.getSubtypeFirstRep().getDisplay()).isEqualTo("$dataset-build");
            assertThat(e.getAgent())
                    .anySatisfy(a -> assertThat(a.getWho().getDisplay()).isEqualTo(TestSecurity.BENCHMARK_STEWARD));
        });
        List<AuditEvent> downloads = audit.eventsFor(
                "$dataset-file?dataset=" + built.path("datasetId").asText());
        assertThat(downloads)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.R));
        assertThat(downloads)
                .anySatisfy(e -> assertThat(e.getAgent())
                        .anySatisfy(
                                a -> assertThat(a.getWho().getDisplay()).isEqualTo(TestSecurity.BENCHMARK_RESEARCHER)));
        assertThat(audit.eventsFor("$evaluate")).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
            assertThat(e.getAgent())
                    .anySatisfy(a -> assertThat(a.getWho().getDisplay()).isEqualTo(TestSecurity.BENCHMARK_RESEARCHER));
        });
    }

    private RawHttp as(String scopes, String patient) {
        return new RawHttp(baseUrl()).withToken(TestSecurity.get().token(scopes, patient));
    }

    private record ProcessResult(int exitCode, String output) {}

    private ProcessResult python(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("python3", REPO.resolve("tools/benchmark-client.py").toString(), "--base", baseUrl()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new ProcessResult(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
