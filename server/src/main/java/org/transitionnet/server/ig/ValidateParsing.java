package org.transitionnet.server.ig;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * {@code $validate} reports, it does not refuse: a parseable resource with an invalid value (a status code
 * outside its required binding, a malformed date) must reach the validator, whose OperationOutcome names the
 * problem, instead of failing as a 400 parse error. HAPI's parser refuses invalid values (its default error
 * handler throws on them), which keeps every write strict; this error handler does the same except while the
 * current request is a {@code $validate}, where it keeps the value as written and lets the validator judge it.
 * The request is recognised by the interceptor hooks below and remembered for its thread only.
 */
public class ValidateParsing implements IParserErrorHandler {

    private static final String VALIDATE = "$validate";
    private static final ThreadLocal<Boolean> VALIDATING = new ThreadLocal<>();

    private final IParserErrorHandler strict;
    private final IParserErrorHandler lenient =
            new LenientErrorHandler(false).setErrorOnInvalidValue(false).setErrorOnInvalidExtension(false);

    /** @param strict the handler every other request keeps (the FHIR context's own) */
    public ValidateParsing(IParserErrorHandler strict) {
        this.strict = strict;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void requestArrived(RequestDetails request) {
        if (VALIDATE.equals(request.getOperation())) {
            VALIDATING.set(Boolean.TRUE);
        } else {
            VALIDATING.remove();
        }
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void requestDone() {
        VALIDATING.remove();
    }

    private IParserErrorHandler current() {
        return Boolean.TRUE.equals(VALIDATING.get()) ? lenient : strict;
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        current().containedResourceWithNoId(location);
    }

    @Override
    public void incorrectJsonType(
            IParseLocation location,
            String elementName,
            ValueType expected,
            ScalarType expectedScalar,
            ValueType found,
            ScalarType foundScalar) {
        current().incorrectJsonType(location, elementName, expected, expectedScalar, found, foundScalar);
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        current().invalidValue(location, value, error);
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String elementName) {
        current().missingRequiredElement(location, elementName);
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        current().unexpectedRepeatingElement(location, elementName);
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        current().unknownAttribute(location, attributeName);
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        current().unknownElement(location, elementName);
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        current().unknownReference(location, reference);
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        current().invalidInternalReference(location, reference);
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        current().extensionContainsValueAndNestedExtensions(location);
    }
}
