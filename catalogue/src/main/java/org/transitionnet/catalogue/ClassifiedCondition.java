package org.transitionnet.catalogue;

/**
 * One Condition code with the category it belongs to ({@link ConditionCategory}): the classification
 * releases read to decide whether a new condition in a follow-up is an adverse event they may publish.
 */
public record ClassifiedCondition(CodeRef code, String category) {}
