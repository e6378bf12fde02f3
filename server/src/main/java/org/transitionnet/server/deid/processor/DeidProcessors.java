package org.transitionnet.server.deid.processor;

import org.transitionnet.server.deid.DeidMethod;
import org.transitionnet.server.deid.DeidRule;
import org.transitionnet.server.deid.Generalizer;
import org.transitionnet.server.deid.Pseudonymizer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The processor of each de-identification method, chosen by a rule's {@code method}; every method has exactly one. */
public final class DeidProcessors {

	private final Map<DeidMethod, DeidProcessor> byMethod;

	/** @throws IllegalArgumentException when a method has no processor or more than one */
	public DeidProcessors(List<DeidProcessor> processors) {
		Map<DeidMethod, DeidProcessor> map = new EnumMap<>(DeidMethod.class);
		for (DeidProcessor processor : processors) {
			if (map.put(processor.method(), processor) != null) {
				throw new IllegalArgumentException("two processors for the de-identification method " + processor.method());
			}
		}
		Set<DeidMethod> missing = EnumSet.allOf(DeidMethod.class);
		missing.removeAll(map.keySet());
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("no processor for the de-identification methods " + missing);
		}
		this.byMethod = map;
	}

	/** The processors of one export: its key's pseudonyms, its rule set's generalizations, its day and release time. */
	public static DeidProcessors standard(Pseudonymizer pseudonyms, Generalizer generalizer, LocalDate today, Instant releaseTime) {
		return new DeidProcessors(Arrays.asList(new KeepProcessor(), new RedactProcessor(), new CryptoHashProcessor(pseudonyms),
				new DateShiftProcessor(), new GeneralizeProcessor(generalizer, today), new SubstituteProcessor(),
				new ReleaseTimeProcessor(releaseTime)));
	}

	public DeidProcessor forRule(DeidRule rule) {
		return byMethod.get(rule.method());
	}
}
