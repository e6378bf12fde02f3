package org.transitionnet.server.release.deid;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry of de-identification methods, and the processors of one export chosen by a rule's {@code method}.
 * A method exists when a processor is registered under its name here; rule files are checked against these names
 * when they are read, so a new method is its {@link DeidProcessor} class plus one {@link #register} line (in the
 * list below for a built-in one). Every registered method has exactly one processor per export.
 */
public final class DeidProcessors {

    /** What a processor of one export may depend on: its key's pseudonyms, its rule set's generalizations, its day and release time. */
    public record Context(Pseudonymizer pseudonyms, Generalizer generalizer, LocalDate today, Instant releaseTime) {}

    private static final Map<String, Function<Context, DeidProcessor>> REGISTERED = new LinkedHashMap<>();

    static {
        register(DeidMethod.KEEP, c -> new KeepProcessor());
        register(DeidMethod.REDACT, c -> new RedactProcessor());
        register(DeidMethod.CRYPTO_HASH, c -> new CryptoHashProcessor(c.pseudonyms()));
        register(DeidMethod.DATE_SHIFT, c -> new DateShiftProcessor());
        register(DeidMethod.GENERALIZE, c -> new GeneralizeProcessor(c.generalizer(), c.today()));
        register(DeidMethod.SUBSTITUTE, c -> new SubstituteProcessor());
        register(DeidMethod.RELEASE_TIME, c -> new ReleaseTimeProcessor(c.releaseTime()));
    }

    private final Map<DeidMethod, DeidProcessor> byMethod;

    /** @throws IllegalArgumentException when a registered method has no processor, or a method has more than one */
    public DeidProcessors(List<DeidProcessor> processors) {
        Map<DeidMethod, DeidProcessor> map = new HashMap<>();
        for (DeidProcessor processor : processors) {
            if (map.put(processor.method(), processor) != null) {
                throw new IllegalArgumentException(
                        "two processors for the de-identification method " + processor.method());
            }
        }
        Set<String> missing = new LinkedHashSet<>(registeredNames());
        map.keySet().forEach(m -> missing.remove(m.name()));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no processor for the de-identification methods " + missing);
        }
        this.byMethod = Map.copyOf(map);
    }

    /**
     * Registers a method: rules may name it from now on, and every export builds its processor with {@code factory}.
     *
     * @throws IllegalArgumentException when the name is registered already or the factory's processor declares another method
     */
    public static synchronized void register(DeidMethod method, Function<Context, DeidProcessor> factory) {
        if (REGISTERED.containsKey(method.name())) {
            throw new IllegalArgumentException("the de-identification method " + method + " is registered already");
        }
        REGISTERED.put(method.name(), c -> {
            DeidProcessor processor = factory.apply(c);
            if (!method.equals(processor.method())) {
                throw new IllegalStateException(
                        "the processor registered for " + method + " declares " + processor.method());
            }
            return processor;
        });
    }

    public static synchronized boolean isRegistered(String name) {
        return REGISTERED.containsKey(name);
    }

    /** The registered methods' names, in registration order. */
    public static synchronized List<String> registeredNames() {
        return List.copyOf(REGISTERED.keySet());
    }

    /** The processors of one export: its key's pseudonyms, its rule set's generalizations, its day and release time. */
    public static DeidProcessors standard(
            Pseudonymizer pseudonyms, Generalizer generalizer, LocalDate today, Instant releaseTime) {
        Context context = new Context(pseudonyms, generalizer, today, releaseTime);
        List<Function<Context, DeidProcessor>> factories;
        synchronized (DeidProcessors.class) {
            factories = new ArrayList<>(REGISTERED.values());
        }
        return new DeidProcessors(factories.stream().map(f -> f.apply(context)).toList());
    }

    public DeidProcessor forRule(DeidRule rule) {
        return byMethod.get(rule.method());
    }
}
