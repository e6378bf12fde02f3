package org.transitionnet.server.ig;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.junit.jupiter.api.Test;

class StandardCapabilityStatementTest {

    @Test
    void dropsHapiResourceCountsAndHtmlViewsButKeepsMediaTypes() {
        CapabilityStatement statement = new CapabilityStatement();
        for (String format :
                new String[] {"application/fhir+json", "application/x-turtle", "html/json", "html/xml", "xml"}) {
            statement.addFormat(format);
        }
        statement.addPatchFormat("application/json-patch+json");
        statement.addPatchFormat("html/json");
        CapabilityStatement.CapabilityStatementRestResourceComponent patient =
                statement.addRest().addResource().setType("Patient");
        patient.addExtension(StandardCapabilityStatement.HAPI_RESOURCE_COUNT, new DecimalType(3));
        patient.addExtension("http://example.org/kept", new DecimalType(1));

        new StandardCapabilityStatement().keepToTheStandard(statement);

        assertThat(statement.getFormat())
                .extracting(CodeType::getValue)
                .containsExactly("application/fhir+json", "application/x-turtle");
        assertThat(statement.getPatchFormat())
                .extracting(CodeType::getValue)
                .containsExactly("application/json-patch+json");
        assertThat(patient.getExtension()).extracting(e -> e.getUrl()).containsExactly("http://example.org/kept");
    }

    @Test
    void mediaTypesNeedARegisteredTopLevelType() {
        assertThat(StandardCapabilityStatement.isMediaType("application/fhir+xml"))
                .isTrue();
        assertThat(StandardCapabilityStatement.isMediaType("text/turtle")).isTrue();
        assertThat(StandardCapabilityStatement.isMediaType("html/turtle")).isFalse();
        assertThat(StandardCapabilityStatement.isMediaType("json")).isFalse();
        assertThat(StandardCapabilityStatement.isMediaType(null)).isFalse();
    }
}
