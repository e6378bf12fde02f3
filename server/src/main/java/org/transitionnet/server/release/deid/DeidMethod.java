package org.transitionnet.server.release.deid;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What a rule does with the elements its path selects, named as rules spell it. Methods are open: a name is
 * a method when a processor is registered for it in {@link DeidProcessors} (a new method is its processor class
 * and one registration line there), so a rule file naming any other method is refused when it is read.
 * The built-in methods:
 * <ul>
 *   <li>{@code keep}: kept as is, including free text below it; dates below it are still shifted and references still rewritten.</li>
 *   <li>{@code redact}: removed with everything below it.</li>
 *   <li>{@code cryptoHash}: replaced by a keyed HMAC-SHA256 pseudonym (primitive values only; anything else is removed).</li>
 *   <li>{@code dateShift}: shifted by the patient's keyed number of days (dates are shifted by default anyway; this documents it).</li>
 *   <li>{@code generalize}: replaced by a coarser value: {@code zip3}, {@code year} (removed for ages of 90 and more), or
 *       {@code flag} (a date/time choice such as {@code Patient.deceased[x]} becomes the boolean {@code true}).</li>
 *   <li>{@code releaseTime}: replaced by the release time of the export (its {@code transactionTime}), the same for every
 *       subject: for times the server itself writes (when a transition was derived or recorded), which would reveal the
 *       patient's shift if they were shifted like clinical times.</li>
 *   <li>{@code substitute}: replaced by the rule's fixed {@code value}.</li>
 * </ul>
 */
public record DeidMethod(String name) {

    public static final DeidMethod KEEP = new DeidMethod("keep");
    public static final DeidMethod REDACT = new DeidMethod("redact");
    public static final DeidMethod CRYPTO_HASH = new DeidMethod("cryptoHash");
    public static final DeidMethod DATE_SHIFT = new DeidMethod("dateShift");
    public static final DeidMethod GENERALIZE = new DeidMethod("generalize");
    public static final DeidMethod RELEASE_TIME = new DeidMethod("releaseTime");
    public static final DeidMethod SUBSTITUTE = new DeidMethod("substitute");

    public DeidMethod {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a de-identification method needs a name");
        }
    }

    /**
     * The method a rule names.
     *
     * @throws IllegalArgumentException when no processor is registered under the name
     */
    @JsonCreator
    public static DeidMethod parse(String name) {
        if (name == null || !DeidProcessors.isRegistered(name)) {
            throw new IllegalArgumentException("unknown de-identification method '" + name + "' ("
                    + String.join(", ", DeidProcessors.registeredNames()) + ")");
        }
        return new DeidMethod(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
