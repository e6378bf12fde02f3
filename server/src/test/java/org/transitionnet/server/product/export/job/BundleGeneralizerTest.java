package org.transitionnet.server.product.export.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BundleGeneralizerTest {

    private static final String BUNDLE = "{\"resourceType\":\"Bundle\",\"entry\":["
            + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\",\"gender\":\"female\",\"birthDate\":\"1950\","
            + "\"maritalStatus\":{\"coding\":[{\"code\":\"M\"}]},\"deceasedBoolean\":true,"
            + "\"address\":[{\"postalCode\":\"021\",\"state\":\"MA\"},{\"postalCode\":\"024\"}]}},"
            + "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o\",\"effectiveDateTime\":\"2001-02-03\"}}]}";

    @Test
    void levelZeroIsUnchanged() {
        assertThat(BundleGeneralizer.generalize(BUNDLE, 0)).isSameAs(BUNDLE);
    }

    @Test
    void levelOneDropsTheBirthDateOnly() {
        String out = BundleGeneralizer.generalize(BUNDLE, 1);
        assertThat(out)
                .doesNotContain("birthDate")
                .contains("\"postalCode\":\"021\"")
                .contains("\"state\":\"MA\"")
                .contains("\"gender\":\"female\"")
                .contains("maritalStatus")
                .contains("deceasedBoolean")
                .contains("2001-02-03");
    }

    @Test
    void levelTwoKeepsOnlyGenderAndAddressOfThePatient() {
        String out = BundleGeneralizer.generalize(BUNDLE, 2);
        assertThat(out)
                .doesNotContain("birthDate")
                .doesNotContain("maritalStatus")
                .doesNotContain("deceased")
                .contains("\"postalCode\":\"021\"")
                .contains("\"gender\":\"female\"")
                .contains("2001-02-03");
    }

    @Test
    void levelFourAlsoDropsThePostalCodeAndEmptyAddresses() {
        String out = BundleGeneralizer.generalize(BUNDLE, 4);
        assertThat(out).doesNotContain("postalCode").contains("\"address\":[{\"state\":\"MA\"}]");
    }
}
