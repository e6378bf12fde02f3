package org.transitionnet.server.product.benchmark.evaluate;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.transitionnet.server.product.benchmark.BenchmarkOperations;
import org.transitionnet.server.product.benchmark.JsonAnswers;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.security.AuditedAction.Kind;
import org.transitionnet.server.security.OperationAccess;
import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.SmartAccessToken;

/**
 * {@code POST [base]/$evaluate} with a JSON body of predictions for one dataset version, task and split
 * (see {@link SubmissionParser}): scores them against the labels held on the server, stores the scores
 * and answers them with the task's safety boundary — aggregates only, never a record's label or
 * correctness; on held_out only the rounded, ladder-released form ({@link HeldOutScores}). Errors are
 * OperationOutcomes (see {@link Evaluator}); a client that used its held-out scorings gets 429 with
 * {@code Retry-After}.
 */
public class EvaluateProvider {

    /** The client recorded when the server runs without security (no token). */
    public static final String ANONYMOUS = "anonymous";

    private final Evaluator evaluator;
    private final TaskCatalog tasks;
    private final int maxPredictions;
    private final double operatingPoint;

    public EvaluateProvider(Evaluator evaluator, TaskCatalog tasks, int maxPredictions, double operatingPoint) {
        this.evaluator = evaluator;
        this.tasks = tasks;
        this.maxPredictions = maxPredictions;
        this.operatingPoint = operatingPoint;
    }

    @OperationAccess(
            productScope = BenchmarkOperations.SUBMIT_SCOPE,
            compartment = Compartment.SYSTEM,
            audit = Kind.EVALUATION)
    @Operation(name = BenchmarkOperations.EVALUATE, manualRequest = true, manualResponse = true)
    public void evaluate(ServletRequestDetails request) throws IOException {
        Submission submission = SubmissionParser.parse(request.loadRequestContents(), maxPredictions);
        String client = SmartAccessToken.current()
                .map(SmartAccessToken::clientId)
                .filter(id -> !id.isBlank())
                .orElse(ANONYMOUS);
        StoredSubmission stored;
        try {
            stored = evaluator.evaluate(submission, client);
        } catch (HeldOutQuota.Exhausted e) {
            request.getServletResponse()
                    .setHeader("Retry-After", Long.toString(HeldOutQuota.retryAfterSeconds(e.retryAfter())));
            JsonAnswers.outcome(request, 429, OperationOutcome.IssueType.THROTTLED, e.getMessage());
            return;
        }
        ObjectNode answer = SubmissionJson.of(stored);
        answer.put("operatingPoint", operatingPoint);
        answer.put("safetyBoundary", SafetyBoundary.of(tasks, stored.taskId()));
        JsonAnswers.json(request, 200, answer);
    }
}
