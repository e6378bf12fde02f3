package org.transitionnet.server.release.deid;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * De-identification settings.
 *
 * @param key           HMAC key of pseudonyms and date shifts (secret; from the environment, never the repository)
 * @param rules         Spring resource location of the rule set
 * @param maxShiftDays  largest per-patient date shift, in days either way
 */
@ConfigurationProperties("transitionnet.deid")
public record DeidProperties(String key, String rules, Integer maxShiftDays) {

    public DeidProperties {
        rules = rules == null || rules.isBlank() ? "classpath:deid/default-rules.yaml" : rules;
        maxShiftDays = maxShiftDays == null ? 365 : maxShiftDays;
    }
}
