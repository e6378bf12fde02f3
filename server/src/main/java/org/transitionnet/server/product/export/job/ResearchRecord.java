package org.transitionnet.server.product.export.job;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One research record and its quasi-identifiers. The age in years stays out of the JSON; it is
 * kept beside it only so k-anonymity can generalize the band further.
 */
public record ResearchRecord(ObjectNode json, String subject, Integer ageYears, String sex) {}
