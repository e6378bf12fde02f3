package org.transitionnet.ig.site;

import org.hl7.fhir.r4.model.Resource;

/**
 * One kind of resource page. The generator asks each kind in turn and renders a resource with the first
 * that accepts it; {@link GenericResourcePage} accepts everything, so any resource type the package gains
 * gets a page.
 */
interface ResourcePage {

    boolean renders(Resource resource);

    /** The page body (HTML, without the layout). */
    String body(Resource resource, RenderContext context);

    /** The page title. */
    default String title(Resource resource) {
        return CommonSections.label(resource);
    }
}
