package org.transitionnet.server.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Marks a test class whose subject is a server process of its own (the packaged jar, its own database): it spends
 * most of its time waiting for nodes to start, die and recover, and shares nothing with the in-process test server.
 * Such classes run on a second lane beside the in-process integration tests, which stay strictly one after the
 * other ({@code junit-platform.properties}: two lanes, same-thread by default), so the suite's wall time is not
 * the sum of both. The tests of such a class may run side by side on that lane (never more than two threads in
 * all); tests that build on each other say {@code @Execution(SAME_THREAD)} on each method.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
public @interface ProcessTest {}
