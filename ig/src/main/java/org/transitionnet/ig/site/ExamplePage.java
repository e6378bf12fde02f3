package org.transitionnet.ig.site;

import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Resource;

/** An example instance: the profiles it claims (linked to their pages) and its JSON, pretty-printed. */
final class ExamplePage implements ResourcePage {

    @Override
    public boolean renders(Resource resource) {
        return true;
    }

    @Override
    public String title(Resource resource) {
        return "Example " + resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    @Override
    public String body(Resource resource, RenderContext context) {
        StringBuilder out = new StringBuilder(Html.heading(1, title(resource)));
        List<CanonicalType> profiles = resource.getMeta().getProfile();
        if (profiles.isEmpty()) {
            out.append(Html.paragraph("Claims no profile."));
        } else {
            out.append("<p>Conforms to: ");
            out.append(String.join(
                    ", ",
                    profiles.stream()
                            .map(p -> context.links().canonical(p.getValue()))
                            .toList()));
            out.append("</p>\n");
        }
        return out.append(Html.pre(context.json(resource))).toString();
    }
}
