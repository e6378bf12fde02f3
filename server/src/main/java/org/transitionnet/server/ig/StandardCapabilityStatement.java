package org.transitionnet.server.ig;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Keeps the server's CapabilityStatement to what FHIR defines, so that it validates: HAPI adds a
 * resource-count extension of its own (defined nowhere a validator can find, and it tells anyone who
 * reads {@code /metadata}, which needs no token, how many patients the server holds) and lists its
 * HTML browsing views as formats ({@code html/json}), which are not media types (RFC 6838 has no
 * {@code html} top-level type).
 */
public class StandardCapabilityStatement {

    static final String HAPI_RESOURCE_COUNT = "http://hl7api.sourceforge.net/hapi-fhir/res/extdefs.html#resourceCount";

    /** The top-level types registered under RFC 6838 (IANA media types). */
    private static final Set<String> TOP_LEVEL_TYPES = Set.of(
            "application",
            "audio",
            "example",
            "font",
            "haptics",
            "image",
            "message",
            "model",
            "multipart",
            "text",
            "video");

    private static final Pattern MEDIA_TYPE = Pattern.compile("([a-z]+)/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*");

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void keepToTheStandard(IBaseConformance capabilities) {
        if (!(capabilities instanceof CapabilityStatement statement)) {
            return;
        }
        statement.getFormat().removeIf(format -> !isMediaType(format.getValue()));
        statement.getPatchFormat().removeIf(format -> !isMediaType(format.getValue()));
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            rest.getResource()
                    .forEach(resource -> resource.getExtension().removeIf(e -> HAPI_RESOURCE_COUNT.equals(e.getUrl())));
        }
    }

    /** A registered top-level type and a syntactically valid subtype, as BCP 13 requires of a format code. */
    static boolean isMediaType(String code) {
        if (code == null) {
            return false;
        }
        var matcher = MEDIA_TYPE.matcher(code);
        return matcher.matches() && TOP_LEVEL_TYPES.contains(matcher.group(1));
    }
}
