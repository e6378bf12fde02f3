package org.transitionnet.server.product.benchmark.evaluate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Scoring settings besides the held-out limits (which are {@code transitionnet.benchmark.*}).
 *
 * @param operatingPoint adverse-event probability from which a record counts as flagged, for
 *                       {@code recall-at-operating-point}
 * @param minHeldOutAggregate fewest held-out records any held-out score is computed over (default 20); with fewer the
 *                       held-out answer says the scores are withheld
 */
@ConfigurationProperties("transitionnet.benchmark.evaluation")
public record EvaluationProperties(Double operatingPoint, Integer minHeldOutAggregate) {

    public EvaluationProperties {
        operatingPoint = operatingPoint == null ? Metrics.DEFAULT_OPERATING_POINT : operatingPoint;
        if (!(operatingPoint > 0 && operatingPoint <= 1)) {
            throw new IllegalArgumentException("transitionnet.benchmark.evaluation.operating-point must lie in (0, 1]");
        }
        minHeldOutAggregate = minHeldOutAggregate == null ? 20 : minHeldOutAggregate;
        if (minHeldOutAggregate < 1) {
            throw new IllegalArgumentException(
                    "transitionnet.benchmark.evaluation.min-held-out-aggregate must be at least 1");
        }
    }
}
