package org.transitionnet.catalogue;

/**
 * One way a state variable is measured: the value of an Observation with {@code observationCode},
 * or, when {@code component} is set, the value of that component inside such an Observation
 * (e.g. systolic pressure inside a blood pressure panel).
 */
public record Measurement(CodeRef observationCode, CodeRef component) {

    public boolean isComponent() {
        return component != null;
    }

    /** The code that actually identifies the measured quantity. */
    public CodeRef measuredCode() {
        return isComponent() ? component : observationCode;
    }
}
