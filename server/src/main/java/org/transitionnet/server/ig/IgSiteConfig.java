package org.transitionnet.server.ig;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The rendered implementation guide: static HTML that the ig module's build generates from the package and
 * its pages ({@code classpath:transitionnet/ig/site/}), served at {@code /ig/} to anyone, like the
 * CapabilityStatement, so implementers can read the profiles before they hold a token.
 */
@Configuration
public class IgSiteConfig implements WebMvcConfigurer {

    public static final String PATH = "/ig/";
    static final String LOCATION = "classpath:/transitionnet/ig/site/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "**").addResourceLocations(LOCATION);
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
        registry.addRedirectViewController("/ig", PATH);
    }
}
