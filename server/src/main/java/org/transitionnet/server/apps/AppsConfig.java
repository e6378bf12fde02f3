package org.transitionnet.server.apps;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * SMART apps served by the server itself, as static files under {@code /apps/} (classpath {@code static/apps}).
 * Spring serves {@code index.html} only at the root, so each app's folder URL is forwarded to it.
 */
@Configuration
public class AppsConfig implements WebMvcConfigurer {

    public static final String TRAJECTORY_VIEWER = "/apps/trajectory/";
    public static final String BENCHMARK = "/apps/benchmark/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController(TRAJECTORY_VIEWER).setViewName("forward:" + TRAJECTORY_VIEWER + "index.html");
        registry.addRedirectViewController("/apps/trajectory", TRAJECTORY_VIEWER);
        registry.addViewController(BENCHMARK).setViewName("forward:" + BENCHMARK + "index.html");
        registry.addRedirectViewController("/apps/benchmark", BENCHMARK);
    }
}
