package org.transitionnet.server.derivation.transition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.server.record.facts.ActionFact;
import org.transitionnet.server.record.mapping.ActionClassifier;
import org.transitionnet.server.record.patient.ActionEpisode;

/**
 * Builds a patient's action episodes from their action facts. Prescriptions of one class that overlap, follow each other
 * within the merge gap, or renew one another (a prescription without recorded end followed by the next
 * within the renewal gap) form one episode; a prescription never started (cancelled, draft) or
 * recorded in error forms none. A merged episode keeps the first prescription's start, dosage and identity and
 * the last one's status.
 */
public class EpisodeBuilder {

    private final ActionClassifier classifier;
    private final Duration mergeGap;
    private final Duration renewalGap;

    public EpisodeBuilder(ActionClassifier classifier, int mergeGapDays, int renewalGapDays) {
        this.classifier = classifier;
        this.mergeGap = Duration.ofDays(mergeGapDays);
        this.renewalGap = Duration.ofDays(renewalGapDays);
    }

    public ActionClassifier classifier() {
        return classifier;
    }

    /** The episodes of a patient's action facts (one fact per prescription or plan and class). */
    public List<ActionEpisode> build(List<ActionFact> facts) {
        Map<ActionClass, List<ActionEpisode>> byClass = new LinkedHashMap<>();
        for (ActionFact fact : facts) {
            Optional<ActionClass> actionClass = classifier.catalog().actionClass(fact.actionClass());
            if (actionClass.isEmpty()) {
                continue; // a class the current catalogue no longer has: the facts are rebuilt with it
            }
            ActionEpisode e = new ActionEpisode(
                    actionClass.get(),
                    fact.start(),
                    fact.end(),
                    fact.status(),
                    fact.source(),
                    List.of(fact.source()),
                    fact.dosage());
            byClass.computeIfAbsent(e.actionClass(), c -> new ArrayList<>()).add(e);
        }
        List<ActionEpisode> episodes = new ArrayList<>();
        byClass.values().forEach(list -> episodes.addAll(merge(list)));
        episodes.sort(Comparator.comparing(ActionEpisode::start)
                .thenComparing(e -> e.actionClass().id()));
        return episodes;
    }

    private List<ActionEpisode> merge(List<ActionEpisode> sameClass) {
        sameClass.sort(Comparator.comparing(ActionEpisode::start).thenComparing(ActionEpisode::anchor));
        List<ActionEpisode> merged = new ArrayList<>();
        ActionEpisode current = null;
        Instant lastStart = null;
        for (ActionEpisode next : sameClass) {
            if (current != null && continues(current, lastStart, next)) {
                List<String> sources = new ArrayList<>(current.sources());
                sources.addAll(next.sources());
                Instant end = current.end() == null || next.end() == null ? null : max(current.end(), next.end());
                current = new ActionEpisode(
                        current.actionClass(),
                        current.start(),
                        end,
                        next.status(),
                        current.anchor(),
                        List.copyOf(sources),
                        current.dosage());
            } else {
                if (current != null) {
                    merged.add(current);
                }
                current = next;
            }
            lastStart = next.start();
        }
        if (current != null) {
            merged.add(current);
        }
        return merged;
    }

    /**
     * Whether {@code next} continues the episode: it starts while the episode is ongoing, or within the
     * merge gap after its recorded end, or, when the episode's last prescription ended without a recorded
     * end (typical of renewed prescriptions), within the renewal gap after that prescription started.
     */
    private boolean continues(ActionEpisode current, Instant lastStart, ActionEpisode next) {
        if (current.end() != null) {
            return !next.start().isAfter(current.end().plus(mergeGap));
        }
        if (current.assumedEnd() == null) {
            return true;
        }
        return !next.start().isAfter(lastStart.plus(renewalGap));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
