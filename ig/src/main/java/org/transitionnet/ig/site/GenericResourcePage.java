package org.transitionnet.ig.site;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * Any other definition (CapabilityStatement, ImplementationGuide, ...): its identifying facts and its
 * JSON, unfolded. Keeps the site complete when the package gains a resource type no page kind knows.
 */
final class GenericResourcePage implements ResourcePage {

    @Override
    public boolean renders(Resource resource) {
        return true;
    }

    @Override
    public String body(Resource resource, RenderContext context) {
        return CommonSections.heading(resource)
                + CommonSections.definitionFacts(resource, List.of())
                + Html.heading(2, "Content")
                + Html.pre(context.json(resource));
    }
}
