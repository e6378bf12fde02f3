package org.transitionnet.server.product.benchmark.evaluate;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.r4.model.StringType;
import org.transitionnet.server.product.benchmark.BenchmarkOperations;
import org.transitionnet.server.product.benchmark.JsonAnswers;
import org.transitionnet.server.product.benchmark.dataset.DatasetStore;
import org.transitionnet.server.product.benchmark.dataset.DatasetVersion;
import org.transitionnet.server.security.OperationAccess;
import org.transitionnet.server.security.OperationAccess.Compartment;

/**
 * {@code GET [base]/$leaderboard?dataset=&task=}: the {@link Leaderboard} of a ready dataset version
 * (by default the newest), for one task or all. Without any ready version the answer has no dataset and
 * no tasks; an unknown version or task is 404.
 */
public class LeaderboardProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatasetStore datasets;
    private final Leaderboard leaderboard;

    public LeaderboardProvider(DatasetStore datasets, Leaderboard leaderboard) {
        this.datasets = datasets;
        this.leaderboard = leaderboard;
    }

    @OperationAccess(productScope = BenchmarkOperations.READ_SCOPE, compartment = Compartment.SYSTEM)
    @Operation(name = BenchmarkOperations.LEADERBOARD, idempotent = true, manualResponse = true)
    public void leaderboard(
            @OperationParam(name = "dataset") StringType dataset,
            @OperationParam(name = "task") StringType task,
            ServletRequestDetails request)
            throws IOException {
        DatasetVersion version;
        if (dataset == null || dataset.isEmpty()) {
            List<DatasetVersion> ready = datasets.versions();
            if (ready.isEmpty()) {
                ObjectNode empty = JSON.createObjectNode();
                empty.putNull("dataset");
                empty.putArray("tasks");
                JsonAnswers.json(request, 200, empty);
                return;
            }
            version = ready.get(0);
        } else {
            String id = dataset.getValue().strip();
            version = datasets.version(id)
                    .filter(DatasetVersion::isReady)
                    .orElseThrow(() -> new ResourceNotFoundException("No ready dataset version '"
                            + SubmissionErrors.shorten(id) + "'; GET $datasets lists them"));
        }
        String taskId = task == null || task.isEmpty() ? null : task.getValue().strip();
        if (taskId != null && !version.taskIds().contains(taskId)) {
            throw new ResourceNotFoundException("Dataset version " + version.datasetId() + " has no task '"
                    + SubmissionErrors.shorten(taskId) + "'; its tasks are " + version.taskIds());
        }
        JsonAnswers.json(request, 200, leaderboard.of(version, taskId));
    }
}
