package org.transitionnet.server.product.benchmark.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The $evaluate body: what is read, what is refused as a malformed body, and which record is named first. */
class SubmissionParserTest {

    private static final String GOOD =
            "{\"recordId\":\"%s\",\"direction\":{\"improved\":0.5,\"unchanged\":0.3,\"worsened\":0.2},"
                    + "\"change\":-0.4,\"changeInterval\":[-1.0,0.2],\"adverseEvent\":0.1}";

    private static String body(String... predictions) {
        return "{\"dataset\":\"ds-1\",\"task\":\"t\",\"split\":\"tuning\",\"model\":{\"name\":\"m\",\"description\":\"d\"},\"predictions\":["
                + String.join(",", predictions) + "]}";
    }

    private static Submission parse(String body) {
        return SubmissionParser.parse(body.getBytes(StandardCharsets.UTF_8), 1000);
    }

    private static String good(String id) {
        return GOOD.formatted(id);
    }

    @Test
    void readsAWellFormedSubmission() {
        Submission s = parse(body(good("a"), good("b")));
        assertThat(s.datasetId()).isEqualTo("ds-1");
        assertThat(s.taskId()).isEqualTo("t");
        assertThat(s.split()).isEqualTo("tuning");
        assertThat(s.modelName()).isEqualTo("m");
        assertThat(s.modelDescription()).isEqualTo("d");
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.problem()).isNull();
        assertThat(s.predictions()).extracting(Submission.Entry::recordId).containsExactly("a", "b");
        assertThat(s.predictions().get(1).index()).isEqualTo(1);
        assertThat(s.predictions().get(0).prediction()).isEqualTo(new Prediction(0.5, 0.3, 0.2, -0.4, -1.0, 0.2, 0.1));
    }

    @Test
    void fieldsMayComeInAnyOrder() {
        Submission s = parse("{\"predictions\":[" + good("a")
                + "],\"model\":{\"name\":\"m\"},\"split\":\"held_out\",\"task\":\"t\",\"dataset\":\"ds\"}");
        assertThat(s.split()).isEqualTo("held_out");
        assertThat(s.modelDescription()).isNull();
        assertThat(s.predictions()).hasSize(1);
    }

    @Test
    void theFirstBadRecordIsKeptAndTheRestCounted() {
        String sum = good("b").replace("\"worsened\":0.2", "\"worsened\":0.3");
        String range = good("c").replace("\"adverseEvent\":0.1", "\"adverseEvent\":1.5");
        Submission s = parse(body(good("a"), sum, range, good("d")));
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.predictions()).extracting(Submission.Entry::recordId).containsExactly("a");
        assertThat(s.problem().index()).isEqualTo(1);
        assertThat(s.problem().recordId()).isEqualTo("b");
        assertThat(s.problem().message()).contains("add up to 1.1");
    }

    @Test
    void eachKindOfBadRecordIsNamed() {
        assertThat(problem(good("a").replace("\"adverseEvent\":0.1", "\"adverseEvent\":-0.1")))
                .contains("'adverseEvent' is -0.1, outside [0, 1]");
        assertThat(problem(
                        good("a").replace("\"improved\":0.5,\"unchanged\":0.3", "\"improved\":1.5,\"unchanged\":-0.7")))
                .contains("'direction.improved' is 1.5, outside [0, 1]");
        assertThat(problem(good("a").replace("\"change\":-0.4", "\"change\":NaN")))
                .contains("'change' is NaN, not a finite number");
        assertThat(problem(good("a").replace("\"change\":-0.4", "\"change\":\"-0.4\"")))
                .contains("'change' must be a number");
        assertThat(problem(good("a").replace("[-1.0,0.2]", "[0.2,-1.0]")))
                .contains("lower end 0.2 above its upper end -1.0");
        assertThat(problem(good("a").replace("[-1.0,0.2]", "[-1.0]")))
                .contains("'changeInterval' must be an array [lower, upper]");
        assertThat(problem(good("a").replace("[-1.0,0.2]", "[-Infinity,0.2]")))
                .contains("'changeInterval[0]' is -Infinity");
        assertThat(problem(good("a").replace(",\"adverseEvent\":0.1", ""))).contains("'adverseEvent' is missing");
        assertThat(problem(good("a").replace("\"recordId\":\"a\",", ""))).contains("'recordId' is missing");
        assertThat(problem(good("a").replace("\"change\":", "\"label\":1,\"change\":")))
                .contains("field 'label' is not one of");
        assertThat(problem(good("a").replace("\"worsened\"", "\"worse\""))).contains("'direction' has 'worse'");
        assertThat(problem("42")).contains("must be a JSON object");

        Submission duplicate = parse(body(good("a"), good("b"), good("a")));
        assertThat(duplicate.problem().index()).isEqualTo(2);
        assertThat(duplicate.problem().recordId()).isEqualTo("a");
        assertThat(duplicate.problem().message()).contains("already has a prediction at predictions[0]");
    }

    @Test
    void probabilitiesWithinTheToleranceAreAccepted() {
        String close = good("a").replace("\"worsened\":0.2", "\"worsened\":0.2000000005");
        assertThat(parse(body(close)).problem()).isNull();
    }

    @Test
    void predictionsBeyondTheLimitAreCountedNotRead() {
        Submission s =
                SubmissionParser.parse(body(good("a"), good("b"), good("c")).getBytes(StandardCharsets.UTF_8), 2);
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.predictions()).hasSize(2);
    }

    @Test
    void aMalformedBodyIsABadRequest() {
        assertThatThrownBy(() -> parse("not json"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("[]"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> parse("")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> parse(body().replace("\"dataset\":\"ds-1\",", "")))
                .hasMessageContaining("no 'dataset'");
        assertThatThrownBy(() -> parse(body().replace(",\"predictions\":[]", "")))
                .hasMessageContaining("no 'predictions' array");
        assertThatThrownBy(() -> parse(body().replace("\"predictions\":[]", "\"predictions\":{}")))
                .hasMessageContaining("must be an array");
        assertThatThrownBy(() -> parse(body().replace("\"name\":\"m\",", "")))
                .hasMessageContaining("'model.name' must be a non-empty string");
        assertThatThrownBy(() -> parse(body().replace("{\"dataset\"", "{\"extra\":1,\"dataset\"")))
                .hasMessageContaining("field 'extra'");
        assertThatThrownBy(() -> parse(body().replace("\"task\":\"t\"", "\"task\":\"t\",\"task\":\"u\"")))
                .hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> parse(body() + "{}")).hasMessageContaining("content after");
    }

    private static String problem(String prediction) {
        Submission s = parse(body(good("first"), prediction));
        assertThat(s.problem()).isNotNull();
        assertThat(s.problem().index()).isEqualTo(1);
        return s.problem().message();
    }
}
