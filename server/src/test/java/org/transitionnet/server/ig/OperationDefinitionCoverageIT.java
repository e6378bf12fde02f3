package org.transitionnet.server.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.RestfulServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.transitionnet.server.security.OperationDeclaration;
import org.transitionnet.server.security.OperationDeclarations;
import org.transitionnet.server.support.ServerTestBase;

/**
 * Every operation this server adds is described by an OperationDefinition of its IG package, and its
 * CapabilityStatement points at it: the operations are listed from the access declarations of the providers
 * registered on the endpoint ({@link OperationDeclarations}), so a new operation without a definition in the
 * built package ({@code ig/target/package.tgz}), or one the CapabilityStatement leaves at HAPI's generated
 * definition, fails here. A definition must also agree with the method: the levels the server offers it on, each
 * parameter the method binds, and whether it changes state.
 */
class OperationDefinitionCoverageIT extends ServerTestBase {

    private static final String CANONICAL = "http://transitionnet.org/fhir/OperationDefinition/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private RestfulServer restfulServer;

    @Autowired
    private OperationDeclarations declarations;

    private ImplementationGuidePackage builtPackage;

    @BeforeEach
    void readTheBuiltPackage() {
        Path file = Path.of(System.getProperty("transitionnet.ig.package", "../ig/target/package.tgz"));
        assertThat(Files.isRegularFile(file))
                .as("the built IG package " + file.toAbsolutePath())
                .isTrue();
        builtPackage = ImplementationGuidePackage.read(new FileSystemResource(file));
    }

    @Test
    void everyDeclaredOperationHasAnOperationDefinitionInThePackage() {
        assertThat(declarations.all()).as("operations declared on the endpoint").hasSizeGreaterThanOrEqualTo(14);
        List<String> missing = new ArrayList<>();
        for (OperationDeclaration declaration : declarations.all()) {
            String code = code(declaration.name());
            if (definition(code).isEmpty()) {
                missing.add(declaration.name() + " (no " + CANONICAL + code + ")");
            }
        }
        assertThat(missing)
                .as("operations without an OperationDefinition in the IG package")
                .isEmpty();
    }

    @Test
    void theCapabilityStatementPointsEveryDeclaredOperationAtItsDefinition() {
        CapabilityStatement statement =
                client.capabilities().ofType(CapabilityStatement.class).execute();
        Map<String, List<String>> offered = offered(statement);
        List<String> problems = new ArrayList<>();
        for (OperationDeclaration declaration : declarations.all()) {
            String code = code(declaration.name());
            List<String> where = offered.getOrDefault(code, List.of());
            if (where.isEmpty()) {
                problems.add(declaration.name() + " is not in the CapabilityStatement");
            }
            for (String entry : where) {
                String level = entry.substring(0, entry.indexOf(' '));
                String definition = entry.substring(entry.indexOf(' ') + 1);
                if (!(CANONICAL + code).equals(definition)) {
                    problems.add(declaration.name() + " at " + level + " points at " + definition);
                }
                Optional<ImplementationGuidePackage.OperationDefinitionRef> ref = definition(code);
                boolean defined = ref.isPresent()
                        && ("system".equals(level)
                                ? ref.get().definesSystemOperation(code)
                                : ref.get().definesResourceOperation(level, code));
                if (!defined) {
                    problems.add(declaration.name() + " is offered at " + level
                            + " but its OperationDefinition does not define that level");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void eachDefinitionDescribesTheParametersAndEffectOfItsMethod() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Method method : ownOperationMethods()) {
            Operation operation = method.getAnnotation(Operation.class);
            String code = code(operation.name());
            Optional<ImplementationGuidePackage.OperationDefinitionRef> ref = definition(code);
            if (ref.isEmpty()) {
                problems.add(operation.name() + " has no OperationDefinition");
                continue;
            }
            JsonNode definition = JSON.readTree(ref.get().json());
            if (definition.path("affectsState").asBoolean() == operation.idempotent()) {
                problems.add(operation.name() + ": affectsState is "
                        + definition.path("affectsState").asBoolean() + " but the method is "
                        + (operation.idempotent() ? "" : "not ") + "idempotent");
            }
            for (Annotation[] annotations : method.getParameterAnnotations()) {
                for (Annotation annotation : annotations) {
                    if (annotation instanceof OperationParam param && !hasInParameter(definition, param.name())) {
                        problems.add(operation.name() + " binds parameter " + param.name()
                                + " that its OperationDefinition does not list as in");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The operations of this server's providers on the endpoint (HAPI's own are not ours to define). */
    private List<Method> ownOperationMethods() {
        List<Object> providers = new ArrayList<>(restfulServer.getResourceProviders());
        providers.addAll(restfulServer.getPlainProviders());
        List<Method> methods = new ArrayList<>();
        for (Object provider : providers) {
            if (!provider.getClass().getName().startsWith("org.transitionnet.")) {
                continue;
            }
            for (Method method : provider.getClass().getMethods()) {
                if (method.isAnnotationPresent(Operation.class)) {
                    methods.add(method);
                }
            }
        }
        assertThat(methods).isNotEmpty();
        return methods;
    }

    private static boolean hasInParameter(JsonNode definition, String name) {
        for (JsonNode parameter : definition.path("parameter")) {
            if (name.equals(parameter.path("name").asText())
                    && "in".equals(parameter.path("use").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Operation code → "level definition" for each place the CapabilityStatement offers it (level: system or a type). */
    private static Map<String, List<String>> offered(CapabilityStatement statement) {
        Map<String, List<String>> offered = new LinkedHashMap<>();
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                for (CapabilityStatementRestResourceOperationComponent operation : resource.getOperation()) {
                    offered.computeIfAbsent(code(operation.getName()), c -> new ArrayList<>())
                            .add(resource.getType() + " " + operation.getDefinition());
                }
            }
            for (CapabilityStatementRestResourceOperationComponent operation : rest.getOperation()) {
                offered.computeIfAbsent(code(operation.getName()), c -> new ArrayList<>())
                        .add("system " + operation.getDefinition());
            }
        }
        return offered;
    }

    private Optional<ImplementationGuidePackage.OperationDefinitionRef> definition(String code) {
        return builtPackage.operations().stream()
                .filter(d -> d.url().equals(CANONICAL + code) && d.code().equals(code))
                .findFirst();
    }

    private static String code(String name) {
        return name != null && name.startsWith("$") ? name.substring(1) : name;
    }
}
